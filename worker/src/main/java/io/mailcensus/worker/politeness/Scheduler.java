package io.mailcensus.worker.politeness;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Time for the gates: what time it is, and "run this at that time". Injected so tests drive time
 * by hand and nothing ever sleeps. The production one hands wake-ups to a
 * {@link ScheduledExecutorService}, whose queue is a delay queue ordered by wake-up time (the
 * Heritrix "snoozed queues" pattern): a waiting host costs one queued entry, no thread, no polling.
 */
public interface Scheduler {

    Instant now();

    /**
     * Runs {@code task} once, at or soon after {@code at} (at once if {@code at} has passed),
     * never inline on the calling thread: callers may hold locks.
     */
    Cancellable runAt(Instant at, Runnable task);

    /** A scheduled task that is no longer needed (a permit closed before its lease ran out). */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }

    /**
     * The system clock and one daemon timer thread that forgets cancelled tasks at once, so the
     * lease timers of closed permits cost no memory.
     */
    static Scheduler system() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "politeness-timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return of(Clock.systemUTC(), timer);
    }

    /**
     * Wake-ups on {@code executor}, times from {@code clock}. Gate callbacks (completions of
     * {@link HostGates#acquire}) then run on the executor's thread: keep them short, or continue
     * with {@code thenComposeAsync(.., ioExecutor)}. Give it a {@link ScheduledThreadPoolExecutor}
     * with {@code setRemoveOnCancelPolicy(true)}, as {@link #system()} does.
     */
    static Scheduler of(Clock clock, ScheduledExecutorService executor) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(executor, "executor");
        return new Scheduler() {
            @Override
            public Instant now() {
                return clock.instant();
            }

            @Override
            public Cancellable runAt(Instant at, Runnable task) {
                long nanos = Math.max(0, Duration.between(clock.instant(), at).toNanos());
                ScheduledFuture<?> scheduled = executor.schedule(task, nanos, TimeUnit.NANOSECONDS);
                return () -> scheduled.cancel(false);
            }
        };
    }
}
