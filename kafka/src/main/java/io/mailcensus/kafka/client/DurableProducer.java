package io.mailcensus.kafka.client;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * A byte producer that remembers the first failed send. The producer retries by itself (with
 * idempotence, without duplicates) until {@code delivery.timeout.ms}; a send that still fails
 * makes {@link #flush()} throw, so whoever commits "this is done" after a flush never commits
 * past a lost message. Such a failure is fatal to the process: its uncommitted work is
 * redelivered to the group.
 */
public final class DurableProducer implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public DurableProducer(KafkaSettings settings, String clientId) {
        this.producer = new KafkaProducer<>(settings.producer(clientId));
    }

    /** Sends asynchronously; blocks only while the producer's buffer is full (backpressure). */
    public void send(String topic, Integer partition, byte[] key, byte[] value, List<Header> headers) {
        throwIfFailed();
        producer.send(new ProducerRecord<>(topic, partition, key, value, headers), (meta, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        });
    }

    public void send(String topic, byte[] key, byte[] value) {
        send(topic, null, key, value, List.of());
    }

    public static Header header(String name, byte[] value) {
        return new RecordHeader(name, value);
    }

    public List<PartitionInfo> partitionsFor(String topic) {
        return producer.partitionsFor(topic);
    }

    /** Waits until every message sent so far is acknowledged by the cluster. */
    public void flush() {
        producer.flush();
        throwIfFailed();
    }

    @Override
    public void close() {
        try {
            flush();
        } finally {
            producer.close();
        }
    }

    private void throwIfFailed() {
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("a message could not be written to Kafka: " + e.getMessage(), e);
        }
    }
}
