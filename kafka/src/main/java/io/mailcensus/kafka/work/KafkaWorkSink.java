package io.mailcensus.kafka.work;

import io.mailcensus.core.port.RoundEvent;
import io.mailcensus.core.port.WorkSink;
import io.mailcensus.kafka.client.DurableProducer;
import io.mailcensus.kafka.client.KafkaSettings;
import io.mailcensus.kafka.serde.Serdes;
import io.mailcensus.kafka.topic.RoundEvents;
import io.mailcensus.kafka.topic.RoundMarker;
import io.mailcensus.kafka.topic.TopicKeys;
import io.mailcensus.schemas.ScanTask;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.PartitionInfo;

/**
 * The coordinator's {@link WorkSink}: scan tasks into the scan-tasks topic, keyed by domain
 * (acks=all, idempotent). {@link #finish()} flushes and writes the {@link RoundMarker} of the
 * round into every partition, which is how workers of a finite round learn that it is over;
 * once per round and process, however often it is asked. {@link #announce} tells the aggregator
 * about the round (its {@code scans} row).
 */
public final class KafkaWorkSink implements WorkSink {

    private final DurableProducer producer;
    private final String topic;
    private final String resultsTopic;
    private final Set<String> finished = new HashSet<>();
    private volatile String lastScanId;

    public KafkaWorkSink(KafkaSettings settings) {
        this.producer = new DurableProducer(settings, "mailcensus-coordinator");
        this.topic = settings.topics().scanTasks();
        this.resultsTopic = settings.topics().domainResults();
    }

    @Override
    public void submit(ScanTask task) {
        producer.send(topic, TopicKeys.scanTask(task), Serdes.SCAN_TASK.encode(task));
        lastScanId = task.getScanId();
    }

    /** Ends the round of the tasks submitted; see {@link #finish(String)} for a round without tasks. */
    @Override
    public void finish() {
        if (lastScanId == null) {
            throw new IllegalStateException("no task was submitted: name the round with finish(scanId)");
        }
        finish(lastScanId);
    }

    /** Makes every task durable, then marks the end of round {@code scanId} in every partition. */
    public synchronized void finish(String scanId) {
        producer.flush();
        if (!finished.add(scanId)) {
            return; // the markers are written already
        }
        List<PartitionInfo> partitions = producer.partitionsFor(topic);
        var marker = List.of(DurableProducer.header(RoundMarker.HEADER, RoundMarker.headerValue(scanId)));
        for (PartitionInfo p : partitions) {
            producer.send(topic, p.partition(), null, new byte[0], marker);
        }
        producer.flush();
    }

    /**
     * Makes every task submitted so far durable, then sends the round event to the aggregator (partition 0 of
     * the domain-results topic), durably.
     */
    public void announce(RoundEvent event) {
        producer.flush();
        producer.send(resultsTopic, 0, null, new byte[0], RoundEvents.headers(event));
        producer.flush();
    }

    /** Waits until every task submitted so far is in Kafka. */
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
