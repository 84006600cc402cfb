package io.mailcensus.core.port;

import java.time.Duration;
import java.util.List;

/**
 * Where a worker loop takes its tasks from: an in-process queue on one machine, a Kafka consumer
 * group in distributed mode. Delivery is at-least-once: a task is acknowledged only after what
 * it caused has been published, so a crash redelivers it and the store deduplicates.
 *
 * @param <T> the task type (scan tasks, MX probe tasks)
 */
public interface TaskSource<T> extends AutoCloseable {

    /** Up to {@code max} tasks, waiting at most {@code timeout}; empty when none came. */
    List<T> poll(int max, Duration timeout) throws InterruptedException;

    /** What these tasks caused is published: they need not be delivered again. */
    void acknowledge(List<T> tasks);

    /** True once the producer has said it is done and every task was handed out. */
    boolean exhausted();

    /** Makes a {@link #poll} that is waiting return early (a loop is stopping). */
    default void wakeup() {}

    @Override
    default void close() {}
}
