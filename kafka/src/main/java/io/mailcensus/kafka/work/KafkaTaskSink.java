package io.mailcensus.kafka.work;

import io.mailcensus.core.port.TaskSink;
import io.mailcensus.kafka.client.DurableProducer;
import io.mailcensus.kafka.client.KafkaSettings;
import io.mailcensus.kafka.topic.RoundMarker;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.PartitionInfo;

/**
 * Probe tasks of one kind into their topic, each keyed so that every task of one server lands in
 * one partition (one worker owns that server's gate), with end-of-round markers in every partition.
 * {@link KafkaMxProbeSink} and {@link KafkaWebProbeSink} say which topic and key.
 */
public class KafkaTaskSink<T> implements TaskSink<T> {

    private final DurableProducer producer;
    private final String topic;
    private final Function<T, byte[]> key;
    private final Function<T, byte[]> encode;

    KafkaTaskSink(KafkaSettings settings, String clientId, String topic, Function<T, byte[]> key,
            Function<T, byte[]> encode) {
        this.producer = new DurableProducer(settings, clientId);
        this.topic = topic;
        this.key = key;
        this.encode = encode;
    }

    /** Never blocks on the broker: the producer buffers (it blocks only when its buffer is full). */
    @Override
    public void submit(T task) {
        producer.send(topic, key.apply(task), encode.apply(task));
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
