package io.mailcensus.kafka.work;

import io.mailcensus.core.port.TaskSink;
import io.mailcensus.kafka.client.DurableProducer;
import io.mailcensus.kafka.client.KafkaSettings;
import io.mailcensus.kafka.serde.Serdes;
import io.mailcensus.kafka.topic.RoundMarker;
import io.mailcensus.kafka.topic.TopicKeys;
import io.mailcensus.schemas.WebProbeTask;
import java.util.List;
import org.apache.kafka.common.PartitionInfo;

/**
 * Web probe tasks into the web-probe-tasks topic, keyed by the domain's web address
 * ({@link TopicKeys#webProbeTask}): every domain on one web server lands in one partition, so one
 * worker owns that server's HTTPS gate. Read them with a {@code KafkaTaskSource<WebProbeTask>} on
 * {@code topics().webProbeTasks()}. The twin of {@link KafkaMxProbeSink}.
 */
public final class KafkaWebProbeSink implements TaskSink<WebProbeTask> {

    private final DurableProducer producer;
    private final String topic;

    public KafkaWebProbeSink(KafkaSettings settings) {
        this.producer = new DurableProducer(settings, "mailcensus-web-probes");
        this.topic = settings.topics().webProbeTasks();
    }

    /** Never blocks on the broker: the producer buffers (it blocks only when its buffer is full). */
    @Override
    public void submit(WebProbeTask task) {
        producer.send(topic, TopicKeys.webProbeTask(task), Serdes.WEB_PROBE_TASK.encode(task));
    }

    /** Marks the end of round {@code scanId} in every partition (after every task is durable). */
    public void finish(String scanId) {
        producer.flush();
        var marker = List.of(DurableProducer.header(RoundMarker.HEADER, RoundMarker.headerValue(scanId)));
        for (PartitionInfo p : producer.partitionsFor(topic)) {
            producer.send(topic, p.partition(), null, new byte[0], marker);
        }
        producer.flush();
    }

    @Override
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
