package io.mailcensus.core.queue;

import io.mailcensus.core.port.TaskSink;
import io.mailcensus.core.port.TaskSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The single-machine stand-in for a task topic. Acknowledgement is a no-op here: in one process,
 * a lost task means a lost process, and {@code scan --resume} picks up from what the store holds.
 *
 * @param <T> the task type
 */
public class InProcessQueue<T> implements TaskSource<T>, TaskSink<T> {

    private final BlockingQueue<T> queue;
    private volatile boolean finished;

    /** A bounded queue: a producer faster than its consumer blocks instead of filling the heap. */
    public InProcessQueue(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /**
     * An unbounded queue, for producers that must never block (they run on I/O threads) and
     * whose consumer never blocks either (it hands each task on at once).
     */
    public static <T> InProcessQueue<T> unbounded() {
        return new InProcessQueue<>(new LinkedBlockingQueue<>());
    }

    private InProcessQueue(BlockingQueue<T> queue) {
        this.queue = queue;
    }

    @Override
    public void submit(T task) throws InterruptedException {
        if (finished) {
            throw new IllegalStateException("submit after finish");
        }
        queue.put(task);
    }

    /** No more tasks will come. */
    public void finish() {
        finished = true;
    }

    @Override
    public List<T> poll(int max, Duration timeout) throws InterruptedException {
        List<T> out = new ArrayList<>(Math.min(max, 64));
        T first = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (first == null) {
            return out;
        }
        out.add(first);
        queue.drainTo(out, max - 1);
        return out;
    }

    @Override
    public void acknowledge(List<T> tasks) {}

    @Override
    public void close() {}

    @Override
    public boolean exhausted() {
        return finished && queue.isEmpty();
    }
}
