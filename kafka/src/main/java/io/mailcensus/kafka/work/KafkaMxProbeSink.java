package io.mailcensus.kafka.work;

import io.mailcensus.core.port.TaskSink;
import io.mailcensus.kafka.client.DurableProducer;
import io.mailcensus.kafka.client.KafkaSettings;
import io.mailcensus.kafka.serde.Serdes;
import io.mailcensus.kafka.topic.RoundMarker;
import io.mailcensus.kafka.topic.TopicKeys;
import io.mailcensus.schemas.MxProbeTask;
import java.util.List;
import org.apache.kafka.common.PartitionInfo;

/**
 * MX probe tasks into the mx-probe-tasks topic, keyed by gate (IPv4 address, IPv6 /64): every probe of one mail
 * server lands in one partition, so one worker owns that server's rate limit and round cache.
 * Read them with a {@code KafkaTaskSource<MxProbeTask>} on {@code topics().mxProbeTasks()}.
 */
public final class KafkaMxProbeSink implements TaskSink<MxProbeTask> {

    private final DurableProducer producer;
    private final String topic;

    public KafkaMxProbeSink(KafkaSettings settings) {
        this.producer = new DurableProducer(settings, "mailcensus-mx-probes");
        this.topic = settings.topics().mxProbeTasks();
    }

    @Override
    public void submit(MxProbeTask task) {
        producer.send(topic, TopicKeys.mxProbeTask(task), Serdes.MX_PROBE_TASK.encode(task));
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
