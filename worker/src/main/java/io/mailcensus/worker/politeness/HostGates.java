package io.mailcensus.worker.politeness;

import io.mailcensus.core.name.GateKey;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One politeness gate per target server (checks.md, "Politeness"), created on first use: per IPv4
 * address, and per IPv6 /64 ({@link GateKey}), so that one /64 is one server for the rate, the
 * backoff and the quarantine alike. Callers pass the address they connect to.
 *
 * <p>A gate outlives its queue of waiters: emptying a queue never resets politeness. To keep
 * memory bounded over millions of addresses, a gate is dropped only once it constrains nothing:
 * no permit held, nobody waiting, its pause over, no failures on record, not quarantined. A host
 * seen again after that starts from a clean slate that is exactly what it would have had anyway.
 * Sweeps run by themselves, amortised (one pass over the map per as many acquisitions as there
 * are gates), or on demand with {@link #sweep()}.
 *
 * <p>Nothing here blocks or sleeps: a caller gets a stage that completes when its turn comes,
 * woken by the injected {@link Scheduler}.
 */
public final class HostGates {

    private static final int MIN_SWEEP_INTERVAL = 4096;

    private final PolitenessSettings settings;
    private final Scheduler scheduler;
    private final ConcurrentHashMap<InetAddress, HostGate> gates = new ConcurrentHashMap<>();
    private final AtomicLong acquisitionsSinceSweep = new AtomicLong();
    private Object round; // guarded by this

    public HostGates(PolitenessSettings settings, Scheduler scheduler) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    public PolitenessSettings settings() {
        return settings;
    }

    /**
     * A permit for {@code ip}, when the gate opens: callers are served first come, first served.
     * Fails with {@link QuarantinedException} if the host is (or becomes, while waiting)
     * quarantined. Cancelling the returned stage's future gives up the place in the queue.
     */
    public CompletionStage<Permit> acquire(InetAddress ip) {
        Objects.requireNonNull(ip, "ip");
        maybeSweep();
        while (true) {
            CompletableFuture<Permit> waiter = new CompletableFuture<>();
            switch (gate(GateKey.of(ip)).enqueue(waiter)) {
                case HostGate.Admission.Retired r -> { } // swept meanwhile: look up again
                case HostGate.Admission.Quarantined q -> {
                    return CompletableFuture.failedFuture(q.failure());
                }
                case HostGate.Admission.Queued q -> {
                    q.afterUnlock().forEach(Runnable::run);
                    return waiter;
                }
                case HostGate.Admission.Granted g -> throw new AssertionError(g);
                case HostGate.Admission.Busy b -> throw new AssertionError(b);
            }
        }
    }

    /**
     * A permit now if the gate is open and nobody waits ahead, else empty. Never waits.
     *
     * @throws QuarantinedException if the host is quarantined
     */
    public Optional<Permit> tryAcquire(InetAddress ip) {
        Objects.requireNonNull(ip, "ip");
        maybeSweep();
        while (true) {
            switch (gate(GateKey.of(ip)).tryReserve()) {
                case HostGate.Admission.Retired r -> { }
                case HostGate.Admission.Quarantined q -> throw q.failure();
                case HostGate.Admission.Granted g -> {
                    return Optional.of(g.permit());
                }
                case HostGate.Admission.Busy b -> {
                    return Optional.empty();
                }
                case HostGate.Admission.Queued q -> throw new AssertionError(q);
            }
        }
    }

    /**
     * Runs {@code probe} under a permit for {@code ip} and closes the permit whatever happens:
     * the try/finally discipline of {@link Permit}, for asynchronous code. The probe should
     * {@link Permit#report} its outcome; if it does not, or throws, or its stage fails, the
     * connection counts as {@link Outcome#ERROR}. A stage that never completes holds the host
     * until the lease runs out ({@link Outcome#ABANDONED}); the probe's own timeouts must end it.
     */
    public <T> CompletionStage<T> withPermit(InetAddress ip, Function<? super Permit, ? extends CompletionStage<T>> probe) {
        return withPermit(ip, new CompletableFuture<>(), probe);
    }

    /**
     * The same, giving up the place in the queue if {@code giveUp} completes before a permit is
     * granted: the stage then fails with {@link GaveUpException} carrying the reason, and no
     * connection is made. Once granted, the probe runs to its own end.
     */
    public <T> CompletionStage<T> withPermit(InetAddress ip, CompletionStage<String> giveUp,
            Function<? super Permit, ? extends CompletionStage<T>> probe) {
        Objects.requireNonNull(probe, "probe");
        CompletableFuture<Permit> waiter = acquire(ip).toCompletableFuture();
        // completing the waiter first gives up its place; a permit granted meanwhile goes back unused
        giveUp.thenAccept(reason -> waiter.completeExceptionally(new GaveUpException(reason)));
        return waiter.thenCompose(permit -> {
            CompletionStage<T> stage;
            try {
                stage = Objects.requireNonNull(probe.apply(permit), "probe returned null");
            } catch (RuntimeException | Error e) {
                permit.close(Outcome.ERROR);
                return CompletableFuture.failedFuture(e);
            }
            return stage.whenComplete((value, failure) -> {
                if (failure != null) {
                    permit.report(Outcome.ERROR);
                }
                permit.close();
            });
        });
    }

    /**
     * Starts round {@code roundId} (e.g. the scan id) if it is not the current one: quarantines
     * are lifted and failure counts forgotten. Pauses already running stay, so a new round never
     * makes a host busier than politeness allows. Calling it again with the same id does nothing.
     */
    public synchronized void beginRound(Object roundId) {
        Objects.requireNonNull(roundId, "roundId");
        if (roundId.equals(round)) {
            return;
        }
        round = roundId;
        gates.values().forEach(HostGate::newRound);
    }

    public boolean isQuarantined(InetAddress ip) {
        HostGate gate = gates.get(GateKey.of(ip));
        return gate != null && gate.quarantined();
    }

    /** The state of {@code ip}'s gate (its /64's for IPv6), or empty if it has none (never seen, or swept). */
    public Optional<GateState> state(InetAddress ip) {
        return Optional.ofNullable(gates.get(GateKey.of(ip))).map(HostGate::state);
    }

    /**
     * The gates in memory by state, for metrics: {@code tracked} (all), {@code busy} (a permit
     * held), {@code waiting} (callers queued, summed), {@code failing} (failed connections in a
     * row, not quarantined), {@code quarantined} (left alone for the rest of the round).
     */
    public Map<String, Long> summary() {
        long busy = 0;
        long waiting = 0;
        long failing = 0;
        long quarantined = 0;
        long tracked = 0;
        for (HostGate gate : gates.values()) {
            GateState s = gate.state();
            tracked++;
            busy += s.active() > 0 ? 1 : 0;
            waiting += s.waiting();
            failing += s.failuresInARow() > 0 && !s.quarantined() ? 1 : 0;
            quarantined += s.quarantined() ? 1 : 0;
        }
        return Map.of("tracked", tracked, "busy", busy, "waiting", waiting, "failing", failing,
                "quarantined", quarantined);
    }

    /**
     * Up to {@code n} gates with connections open or callers waiting, the most of both first (then
     * the fastest pace): what a dashboard should name. An IPv6 gate's key is its /64.
     */
    public List<Map.Entry<InetAddress, GateState>> busiest(int n) {
        return gates.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue().state()))
                .filter(e -> e.getValue().active() + e.getValue().waiting() > 0)
                .sorted(Comparator.<Map.Entry<InetAddress, GateState>>comparingInt(
                                e -> -(e.getValue().active() + e.getValue().waiting()))
                        .thenComparingDouble(e -> -e.getValue().perMinute()))
                .limit(n)
                .toList();
    }

    /** Now, by the gates' scheduler. */
    public Instant now() {
        return scheduler.now();
    }

    /** The states {@link #summary()} counts. */
    public static final List<String> SUMMARY_STATES = List.of("tracked", "busy", "waiting", "failing", "quarantined");

    /** Gates held in memory. */
    public int trackedHosts() {
        return gates.size();
    }

    /** Drops every gate that constrains nothing any more; returns how many. */
    public int sweep() {
        acquisitionsSinceSweep.set(0);
        var now = scheduler.now();
        int dropped = 0;
        for (HostGate gate : gates.values()) {
            if (gate.retireIfIdle(now, gates)) {
                dropped++;
            }
        }
        return dropped;
    }

    private HostGate gate(InetAddress ip) {
        return gates.computeIfAbsent(ip, address -> new HostGate(address, settings, scheduler));
    }

    private void maybeSweep() {
        if (acquisitionsSinceSweep.incrementAndGet() >= Math.max(MIN_SWEEP_INTERVAL, gates.size())) {
            sweep();
        }
    }
}
