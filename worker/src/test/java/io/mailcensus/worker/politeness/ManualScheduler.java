package io.mailcensus.worker.politeness;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/** A fake clock and timer: time moves only when a test says so, and due tasks run in time order. */
public final class ManualScheduler implements Scheduler {

    private record Task(Instant at, long seq, Runnable body) {}

    private final PriorityQueue<Task> tasks = new PriorityQueue<>(
            (a, b) -> a.at.equals(b.at) ? Long.compare(a.seq, b.seq) : a.at.compareTo(b.at));
    private Instant now;
    private long seq;

    public ManualScheduler(Instant start) {
        this.now = start;
    }

    public ManualScheduler() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized Cancellable runAt(Instant at, Runnable task) {
        Task scheduled = new Task(at, seq++, task);
        tasks.add(scheduled);
        return () -> {
            synchronized (this) {
                tasks.remove(scheduled);
            }
        };
    }

    /** Moves time forward by {@code step}, running every task that falls due, at its own time. */
    public void advance(Duration step) {
        Instant target;
        synchronized (this) {
            target = now.plus(step);
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.at.isAfter(target)) {
                    now = target;
                    return;
                }
                tasks.poll();
                if (next.at.isAfter(now)) {
                    now = next.at;
                }
            }
            next.body.run(); // outside the lock, like a real timer thread
        }
    }

    public void advanceTo(Instant target) {
        advance(Duration.between(now(), target));
    }

    /** Runs what is due now (tasks scheduled for the past or the present). */
    public void runDue() {
        advance(Duration.ZERO);
    }

    synchronized int pending() {
        return tasks.size();
    }
}
