package io.mailcensus.core.queue;

import io.mailcensus.core.port.WorkSink;
import io.mailcensus.core.port.WorkSource;
import io.mailcensus.schemas.ScanTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The single-machine stand-in for the scan-tasks topic: a bounded queue, so a coordinator
 * reading a 2.5-million-line list blocks instead of filling the heap. Acknowledgement is a
 * no-op here: in one process, a lost task means a lost process, and {@code scan --resume}
 * picks up from what the store holds.
 */
public final class InProcessWorkQueue implements WorkSource, WorkSink {

    private final BlockingQueue<ScanTask> queue;
    private volatile boolean finished;

    public InProcessWorkQueue(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    @Override
    public void submit(ScanTask task) throws InterruptedException {
        if (finished) {
            throw new IllegalStateException("submit after finish");
        }
        queue.put(task);
    }

    @Override
    public void finish() {
        finished = true;
    }

    @Override
    public List<ScanTask> poll(int max, Duration timeout) throws InterruptedException {
        List<ScanTask> out = new ArrayList<>(Math.min(max, 64));
        ScanTask first = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (first == null) {
            return out;
        }
        out.add(first);
        queue.drainTo(out, max - 1);
        return out;
    }

    @Override
    public void acknowledge(List<ScanTask> tasks) {}

    @Override
    public void close() {}

    @Override
    public boolean exhausted() {
        return finished && queue.isEmpty();
    }
}
