package io.mailcensus.worker.dns.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * At most {@code max} operations running at once; the rest wait in a FIFO queue. Nobody ever
 * blocks: a caller over the limit gets a future back at once, and a finishing operation hands
 * its slot to the next waiting one. So it is safe to use from any thread, including callbacks
 * of an I/O thread, unlike a {@link java.util.concurrent.Semaphore#acquire()}.
 *
 * <p>Waiting operations are started on {@code starter}, not on the thread that finished the
 * previous one: that thread may be an I/O thread, and a chain of operations that complete at
 * once would otherwise recurse one stack frame per queued operation.
 */
public final class InFlightLimit {

    private final int max;
    private final Executor starter;
    private final Queue<Waiting> waiting = new ArrayDeque<>();
    private int running;

    public InFlightLimit(int max, Executor starter) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1: " + max);
        }
        this.max = max;
        this.starter = starter;
    }

    /**
     * Starts {@code operation} now or when a slot frees up. The slot is held until the stage the
     * operation returned completes (normally or not); whoever completes it starts the next one.
     */
    public <T> CompletableFuture<T> submit(Supplier<? extends CompletionStage<T>> operation) {
        return submit(null, operation);
    }

    /**
     * As {@link #submit(Supplier)}, with a tag by which {@link #abandonWaiting(Predicate, Supplier)}
     * can find the operation while it waits (e.g. the task it probes).
     */
    public <T> CompletableFuture<T> submit(Object tag, Supplier<? extends CompletionStage<T>> operation) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable start = () -> {
            CompletionStage<T> stage;
            try {
                stage = operation.get();
            } catch (RuntimeException | Error e) {
                stage = CompletableFuture.failedFuture(e);
            }
            stage.whenComplete((value, failure) -> {
                release();
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(value);
                }
            });
        };
        boolean startNow;
        synchronized (this) {
            startNow = running < max;
            if (startNow) {
                running++;
            } else {
                waiting.add(new Waiting(start, result, tag));
            }
        }
        if (startNow) {
            start.run();
        }
        return result;
    }

    private void release() {
        Waiting next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                running--;
            }
            // else: the slot passes straight to the next operation
        }
        if (next != null) {
            starter.execute(next.start());
        }
    }

    /**
     * Drops every operation still waiting for a slot: it never starts, and its future fails with
     * {@code reason}. Running operations are left alone. Returns how many were dropped.
     */
    public int abandonWaiting(Supplier<? extends RuntimeException> reason) {
        return abandonWaiting(tag -> true, reason);
    }

    /** As {@link #abandonWaiting(Supplier)}, only for the waiting operations whose tag {@code which} accepts. */
    public int abandonWaiting(Predicate<Object> which, Supplier<? extends RuntimeException> reason) {
        List<Waiting> dropped = new ArrayList<>();
        synchronized (this) {
            waiting.removeIf(w -> which.test(w.tag()) && dropped.add(w));
        }
        dropped.forEach(w -> w.result().completeExceptionally(reason.get()));
        return dropped.size();
    }

    private record Waiting(Runnable start, CompletableFuture<?> result, Object tag) {}

    public synchronized int running() {
        return running;
    }

    public synchronized int waiting() {
        return waiting.size();
    }
}
