package io.mailcensus.kafka.work;

import io.mailcensus.core.port.WorkSource;
import io.mailcensus.kafka.client.KafkaSettings;
import io.mailcensus.kafka.serde.Serdes;
import io.mailcensus.schemas.ScanTask;
import java.time.Duration;
import java.util.List;

/**
 * The workers' {@link WorkSource} in distributed mode: the scan-tasks topic through a consumer
 * group. See {@link KafkaTaskSource} for commits, pausing, rebalances and the end of a round.
 * Pass the result sink's flush as {@code beforeCommit} so offsets follow durable results.
 */
public final class KafkaWorkSource implements WorkSource {

    private final KafkaTaskSource<ScanTask> source;

    public KafkaWorkSource(KafkaSettings settings, KafkaTaskSource.Options options, Runnable beforeCommit) {
        this.source = new KafkaTaskSource<>(settings, settings.topics().scanTasks(), Serdes.SCAN_TASK, options,
                beforeCommit);
    }

    @Override
    public List<ScanTask> poll(int max, Duration timeout) throws InterruptedException {
        return source.poll(max, timeout);
    }

    @Override
    public void acknowledge(List<ScanTask> tasks) {
        source.acknowledge(tasks);
    }

    @Override
    public boolean exhausted() {
        return source.exhausted();
    }

    /** Ends a poll blocked in Kafka (e.g. from a shutdown hook); any thread. */
    public void wakeup() {
        source.wakeup();
    }

    public KafkaTaskSource<ScanTask> tasks() {
        return source;
    }

    @Override
    public void close() {
        source.close();
    }
}
