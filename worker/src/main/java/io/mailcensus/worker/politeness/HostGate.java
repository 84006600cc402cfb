package io.mailcensus.worker.politeness;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The politeness state of one IP address, and its one atomic decision (URLFrontier's
 * {@code tryReserveQueue}): under this object's lock, check quarantine, the concurrency cap and
 * the ready-at time, then reserve. Callers' futures are completed after the lock is released, so
 * their callbacks never run under it.
 *
 * <p>Failure state (Nutch) lives here and outlasts the queue of waiters: a gate is only dropped by
 * {@link HostGates#sweep()} once it constrains nothing any more.
 */
final class HostGate {

    private final InetAddress address;
    private final PolitenessSettings settings;
    private final Scheduler scheduler;

    // All guarded by this.
    private final ArrayDeque<CompletableFuture<Permit>> waiters = new ArrayDeque<>(1);
    private int active;
    private Instant readyAt = Instant.MIN;
    private int failuresInARow;
    private boolean quarantined;
    /** Dropped from the map by a sweep: a caller holding this reference must look up again. */
    private boolean retired;
    /** The earliest wake-up already scheduled, or null. */
    private Instant armedWake;
    /** The pace of an adaptive gate; null for a fixed one. */
    private final AdaptiveRate adaptive;

    HostGate(InetAddress address, PolitenessSettings settings, Scheduler scheduler) {
        this.address = address;
        this.settings = settings;
        this.scheduler = scheduler;
        this.adaptive = settings.adaptive() ? new AdaptiveRate(settings) : null;
    }

    InetAddress address() {
        return address;
    }

    /** What the caller must do once it has let go of the lock. */
    sealed interface Admission {
        record Retired() implements Admission {}
        record Quarantined(QuarantinedException failure) implements Admission {}
        record Queued(List<Runnable> afterUnlock) implements Admission {}
        record Granted(Permit permit) implements Admission {}
        record Busy() implements Admission {}
    }

    /** Queues {@code waiter} (FIFO) and grants whatever can be granted now. */
    synchronized Admission enqueue(CompletableFuture<Permit> waiter) {
        if (retired) {
            return new Admission.Retired();
        }
        if (quarantined) {
            return new Admission.Quarantined(new QuarantinedException(address, failuresInARow));
        }
        waiters.add(waiter);
        return new Admission.Queued(pump(scheduler.now()));
    }

    /** Grants a permit now if the gate is open and nobody is queued ahead; never waits. */
    synchronized Admission tryReserve() {
        if (retired) {
            return new Admission.Retired();
        }
        if (quarantined) {
            return new Admission.Quarantined(new QuarantinedException(address, failuresInARow));
        }
        Instant now = scheduler.now();
        if (!waiters.isEmpty() || !open(now)) {
            return new Admission.Busy();
        }
        return new Admission.Granted(grant(now));
    }

    /**
     * Takes the slot back. The pause before the next connection starts now: Heritrix's delay from
     * this connection's duration, or the backoff if it failed, whichever is longer.
     */
    void release(Permit permit, Outcome outcome) {
        List<Runnable> afterUnlock;
        synchronized (this) {
            if (permit.released) {
                return;
            }
            permit.released = true;
            permit.leaseTimer.cancel();
            active--;
            Instant now = scheduler.now();
            Duration held = Duration.between(permit.grantedAt(), now);
            Duration rest = politeDelay(held);
            boolean slowedDown = false;
            if (adaptive != null) {
                slowedDown = outcome == Outcome.TEMP_FAIL && adaptive.canSlowDown();
                adaptive.observe(outcome, held, now);
            }
            Duration asked = permit.retryAfter();
            if (asked != null && !asked.isNegative()) {
                Duration honoured = asked.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : asked;
                if (honoured.compareTo(rest) > 0) {
                    rest = honoured;
                }
            }
            if (slowedDown) {
                // the server asked for less: the pace falls (above) and it rests one backoff step
                Duration backoff = settings.backoff(1);
                if (backoff.compareTo(rest) > 0) {
                    rest = backoff;
                }
            } else if (outcome.isFailure()) {
                failuresInARow++;
                Duration backoff = settings.backoff(failuresInARow);
                if (backoff.compareTo(rest) > 0) {
                    rest = backoff;
                }
                if (failuresInARow >= settings.quarantineAfter()) {
                    quarantined = true;
                }
            } else {
                failuresInARow = 0;
            }
            Instant next = now.plus(rest);
            if (next.isAfter(readyAt)) {
                readyAt = next;
            }
            afterUnlock = quarantined ? failWaiters() : pump(now);
        }
        afterUnlock.forEach(Runnable::run);
    }

    /** A granted permit that its caller no longer wanted (cancelled): no connection was made. */
    private void releaseUnused(Permit permit) {
        List<Runnable> afterUnlock;
        synchronized (this) {
            if (permit.released) {
                return;
            }
            permit.released = true;
            permit.leaseTimer.cancel();
            active--;
            afterUnlock = pump(scheduler.now());
        }
        afterUnlock.forEach(Runnable::run);
    }

    private void wake(Instant scheduledFor) {
        List<Runnable> afterUnlock;
        synchronized (this) {
            if (scheduledFor.equals(armedWake)) {
                armedWake = null;
            }
            afterUnlock = pump(scheduler.now());
        }
        afterUnlock.forEach(Runnable::run);
    }

    /** Lifts quarantine and forgets failures and what the pace learned (a new round); timing constraints stay. */
    synchronized void newRound() {
        quarantined = false;
        failuresInARow = 0;
        if (adaptive != null) {
            adaptive.reset();
        }
    }

    /**
     * Retires the gate if it no longer constrains anything, and drops it from {@code gates}
     * while still holding the lock, so no caller can queue on a gate that is on its way out.
     */
    synchronized boolean retireIfIdle(Instant now, Map<InetAddress, HostGate> gates) {
        if (retired || active > 0 || !waiters.isEmpty() || quarantined || failuresInARow > 0 || now.isBefore(readyAt)
                || (adaptive != null && adaptive.perMinute() < settings.perMinute())) {
            return false;
        }
        retired = true;
        return gates.remove(address, this);
    }

    synchronized boolean quarantined() {
        return quarantined;
    }

    synchronized GateState state() {
        return new GateState(active, waiters.size(), readyAt, failuresInARow, quarantined,
                adaptive == null ? settings.perMinute() : adaptive.perMinute(), connections());
    }

    // ---- under the lock ----

    private int connections() {
        return adaptive == null ? settings.connections() : adaptive.connections();
    }

    private Duration minDelay() {
        return adaptive == null ? settings.minDelay() : adaptive.minDelay();
    }

    /**
     * The rest after a connection: Heritrix's delay factor times its duration, shared out over the
     * connections an adaptive gate allows at once (each carries 1/N of the load; Scrapy's
     * AutoThrottle divides latency by its target concurrency the same way), never above
     * {@code maxDelay}. The pace itself is kept by spacing the starts ({@link #grant}), so an
     * adaptive gate adds no second gap after a connection ends.
     */
    private Duration politeDelay(Duration held) {
        if (adaptive == null) {
            return settings.politeDelay(held);
        }
        double scaled = settings.delayFactor() * Math.max(0, held.toNanos()) / connections();
        return Duration.ofNanos((long) Math.min(scaled, settings.maxDelay().toNanos()));
    }

    private boolean open(Instant now) {
        return active < connections() && !now.isBefore(readyAt);
    }

    private Permit grant(Instant now) {
        active++;
        Instant nextStart = now.plus(minDelay());
        if (nextStart.isAfter(readyAt)) {
            readyAt = nextStart; // spaces starts too, so R per minute holds with N > 1
        }
        if (adaptive != null) {
            adaptive.started(now);
        }
        Permit permit = new Permit(this, now);
        permit.leaseTimer = scheduler.runAt(now.plus(settings.lease()), permit::expire);
        return permit;
    }

    private List<Runnable> pump(Instant now) {
        List<Runnable> afterUnlock = new ArrayList<>(1);
        while (!waiters.isEmpty() && open(now)) {
            CompletableFuture<Permit> waiter = waiters.poll();
            if (waiter.isDone()) {
                continue; // cancelled by its caller
            }
            Permit permit = grant(now);
            afterUnlock.add(() -> {
                if (!waiter.complete(permit)) {
                    releaseUnused(permit);
                }
            });
        }
        if (!waiters.isEmpty() && active < connections()
                && (armedWake == null || readyAt.isBefore(armedWake))) {
            Instant at = readyAt;
            armedWake = at;
            scheduler.runAt(at, () -> wake(at));
        }
        return afterUnlock;
    }

    private List<Runnable> failWaiters() {
        List<Runnable> afterUnlock = new ArrayList<>(waiters.size());
        QuarantinedException failure = new QuarantinedException(address, failuresInARow);
        for (CompletableFuture<Permit> waiter; (waiter = waiters.poll()) != null; ) {
            CompletableFuture<Permit> w = waiter;
            afterUnlock.add(() -> w.completeExceptionally(failure));
        }
        return afterUnlock;
    }
}
