package io.mailcensus.core.port;

/**
 * Where tasks are put for a worker loop: an in-process queue on one machine, a Kafka topic in
 * distributed mode. Implementations may buffer; {@link #flush()} makes everything submitted so
 * far durable.
 *
 * @param <T> the task type (scan tasks, MX probe tasks)
 */
public interface TaskSink<T> extends AutoCloseable {

    /** Blocks when a bounded queue is full (backpressure). */
    void submit(T task) throws InterruptedException;

    default void flush() {}

    @Override
    default void close() {}
}
