package io.mailcensus.core.port;

import io.mailcensus.schemas.ScanTask;
import java.time.Duration;
import java.util.List;

/**
 * Where workers take scan tasks from: an in-process queue on one machine, a Kafka consumer
 * group in distributed mode. Delivery is at-least-once: a task is acknowledged only after its
 * result has been published, so a crash redelivers it and the store deduplicates.
 */
public interface WorkSource extends AutoCloseable {

    /** Up to {@code max} tasks, waiting at most {@code timeout}; empty when none came. */
    List<ScanTask> poll(int max, Duration timeout) throws InterruptedException;

    /** The results of these tasks are published: they need not be delivered again. */
    void acknowledge(List<ScanTask> tasks);

    /** True once the producer has said it is done and every task was handed out. */
    boolean exhausted();

    @Override
    default void close() {}
}
