package io.mailcensus.worker.politeness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HostGatesTest {

    private static final InetAddress MX = InetAddress.ofLiteral("192.0.2.25");
    private static final InetAddress OTHER_MX = InetAddress.ofLiteral("2001:db8::25");

    private final ManualScheduler clock = new ManualScheduler();

    /** Settings where only the named rule matters; the rest is out of the way. */
    private static PolitenessSettings settings(int connections, int perMinute, double factor, Duration maxDelay,
            Duration backoffBase, Duration backoffMax, int quarantineAfter, Duration lease) {
        return new PolitenessSettings(connections, perMinute, factor, maxDelay, backoffBase, backoffMax,
                quarantineAfter, lease);
    }

    private static Duration s(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    private static Permit now(CompletionStage<Permit> stage) {
        CompletableFuture<Permit> future = stage.toCompletableFuture();
        assertThat(future).as("permit granted by now").isCompletedWithValueMatching(p -> true);
        return future.join();
    }

    private static void assertWaiting(CompletionStage<Permit> stage) {
        assertThat(stage.toCompletableFuture()).as("still waiting").isNotDone();
    }

    @Test
    void concurrencyCapHolds() {
        HostGates gates = new HostGates(settings(3, 60_000, 0, s(1), s(1), s(1), 5, s(600)), clock);
        AtomicInteger active = new AtomicInteger();
        AtomicInteger mostActive = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        for (int i = 0; i < 100; i++) {
            gates.acquire(MX).thenAccept(permit -> {
                mostActive.accumulateAndGet(active.incrementAndGet(), Math::max);
                clock.runAt(clock.now().plus(s(10)), () -> {
                    active.decrementAndGet();
                    finished.incrementAndGet();
                    permit.close(Outcome.OK);
                });
            });
        }
        assertThat(active).hasValue(1); // starts are spaced too, by 60 s / perMinute = 1 ms
        clock.advance(ms(5));
        assertThat(active).hasValue(3);
        assertThat(gates.state(MX)).get().extracting(GateState::waiting).isEqualTo(97);

        clock.advance(Duration.ofMinutes(10));
        assertThat(finished).hasValue(100);
        assertThat(mostActive).hasValue(3);
    }

    @Test
    void concurrencyCapHoldsUnderRacingThreads() throws Exception {
        HostGates gates = new HostGates(settings(2, 60_000, 0, s(1), s(1), s(1), 1_000_000, s(600)), clock);
        AtomicInteger active = new AtomicInteger();
        AtomicInteger mostActive = new AtomicInteger();
        AtomicInteger granted = new AtomicInteger();
        List<Thread> racers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            racers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 20_000; i++) {
                    gates.tryAcquire(MX).ifPresent(permit -> {
                        mostActive.accumulateAndGet(active.incrementAndGet(), Math::max);
                        granted.incrementAndGet();
                        Thread.yield();
                        active.decrementAndGet();
                        permit.close(Outcome.OK);
                    });
                }
            }));
        }
        while (racers.stream().anyMatch(Thread::isAlive)) {
            clock.advance(ms(1));
            Thread.onSpinWait();
        }
        for (Thread racer : racers) {
            racer.join();
        }
        assertThat(mostActive.get()).isBetween(1, 2);
        assertThat(granted.get()).isPositive();
        assertThat(gates.state(MX).orElseThrow().active()).isZero();
    }

    @Test
    void gatesOfDifferentAddressesAreIndependent() {
        HostGates gates = new HostGates(PolitenessSettings.defaults(), clock);
        Permit first = now(gates.acquire(MX));
        Permit other = now(gates.acquire(OTHER_MX));
        assertWaiting(gates.acquire(MX));
        assertThat(first.address()).isEqualTo(MX);
        assertThat(other.address()).isEqualTo(InetAddress.ofLiteral("2001:db8::")); // its /64
    }

    @Test
    void rateOfNewConnectionsHoldsOverASimulatedHour() {
        // 6 per minute; 3 connections allowed at once, each lasting 2 s.
        HostGates gates = new HostGates(settings(3, 6, 0, s(10), s(30), s(60), 5, s(600)), clock);
        Instant start = clock.now();
        List<Instant> starts = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            gates.acquire(MX).thenAccept(permit -> {
                starts.add(clock.now());
                clock.runAt(clock.now().plus(s(2)), () -> permit.close(Outcome.OK));
            });
        }
        clock.advance(Duration.ofHours(1));

        // Any 7 consecutive starts span at least a minute: no minute ever sees more than 6.
        for (int i = 0; i + 6 < starts.size(); i++) {
            assertThat(Duration.between(starts.get(i), starts.get(i + 6))).isGreaterThanOrEqualTo(Duration.ofMinutes(1));
        }
        // And the gap is counted from the END of the previous connection: 2 s + 10 s per start.
        for (int i = 0; i + 1 < starts.size(); i++) {
            assertThat(Duration.between(starts.get(i), starts.get(i + 1))).isEqualTo(s(12));
        }
        assertThat(starts).hasSize(301); // 0 s, 12 s, ..., 3600 s
        assertThat(starts.getFirst()).isEqualTo(start);
    }

    @Test
    void delayGrowsWithSlowServersUpToTheMaximum() {
        // At least 1 s between connections, 5 x the last duration, at most 5 minutes.
        HostGates gates = new HostGates(settings(1, 60, 5, Duration.ofMinutes(5), s(30), s(60), 5, Duration.ofHours(1)), clock);

        assertThat(pauseAfterConnectionOf(gates, ms(10))).isEqualTo(s(1));
        assertThat(pauseAfterConnectionOf(gates, s(2))).isEqualTo(s(10));
        assertThat(pauseAfterConnectionOf(gates, s(10))).isEqualTo(s(50));
        assertThat(pauseAfterConnectionOf(gates, s(100))).isEqualTo(Duration.ofMinutes(5));
    }

    /** Holds a connection for {@code duration}, then measures when a waiting caller gets in. */
    private Duration pauseAfterConnectionOf(HostGates gates, Duration duration) {
        clock.advance(Duration.ofHours(1)); // any earlier pause is over
        Permit permit = now(gates.acquire(MX));
        CompletionStage<Permit> next = gates.acquire(MX);
        clock.advance(duration);
        permit.close(Outcome.OK);
        Instant end = clock.now();
        Instant readyAt = gates.state(MX).orElseThrow().readyAt();
        clock.advanceTo(readyAt.minusNanos(1));
        assertWaiting(next);
        clock.advance(Duration.ofNanos(1));
        now(next).close(Outcome.OK);
        return Duration.between(end, readyAt);
    }

    @Test
    void backoffDoublesOn4xxUpToTheMaximumAndASuccessResetsIt() {
        HostGates gates = new HostGates(settings(1, 60_000, 0, s(1), s(30), Duration.ofMinutes(4), 100, s(600)), clock);
        List<Duration> pauses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            pauses.add(pauseAfter(gates, Outcome.TEMP_FAIL));
        }
        assertThat(pauses).containsExactly(s(30), s(60), s(120), s(240), s(240), s(240));
        assertThat(gates.state(MX).orElseThrow().failuresInARow()).isEqualTo(6);

        assertThat(pauseAfter(gates, Outcome.OK)).isEqualTo(ms(1)); // 60 s / 60,000
        assertThat(pauseAfter(gates, Outcome.TIMEOUT)).isEqualTo(s(30));
    }

    /** One connection with {@code outcome}; how long until the gate opens again. */
    private Duration pauseAfter(HostGates gates, Outcome outcome) {
        clock.advanceTo(gates.state(MX).map(GateState::readyAt).filter(clock.now()::isBefore).orElse(clock.now()));
        Permit permit = gates.tryAcquire(MX).orElseThrow();
        permit.close(outcome);
        assertThat(gates.tryAcquire(MX)).isEmpty();
        return Duration.between(clock.now(), gates.state(MX).orElseThrow().readyAt());
    }

    @Test
    void quarantineAfterKConsecutiveFailuresForTheRestOfTheRound() {
        HostGates gates = new HostGates(settings(1, 60_000, 0, s(1), s(30), s(60), 3, s(600)), clock);
        gates.beginRound("round-1");
        pauseAfter(gates, Outcome.REFUSED);
        pauseAfter(gates, Outcome.TIMEOUT);
        assertThat(gates.isQuarantined(MX)).isFalse();

        clock.advance(Duration.ofMinutes(5));
        Permit third = gates.tryAcquire(MX).orElseThrow();
        CompletionStage<Permit> waiting = gates.acquire(MX);
        third.close(Outcome.TEMP_FAIL);

        assertThat(gates.isQuarantined(MX)).isTrue();
        assertThat(waiting.toCompletableFuture()).isCompletedExceptionally();
        assertThatThrownBy(() -> waiting.toCompletableFuture().join()).hasCauseInstanceOf(QuarantinedException.class);
        clock.advance(Duration.ofHours(2));
        assertThat(gates.acquire(MX).toCompletableFuture()).isCompletedExceptionally();
        assertThatThrownBy(() -> gates.tryAcquire(MX)).isInstanceOf(QuarantinedException.class);
        assertThat(gates.sweep()).as("quarantine is never swept away").isZero();

        gates.beginRound("round-1");
        assertThat(gates.isQuarantined(MX)).as("same round").isTrue();
        gates.beginRound("round-2");
        assertThat(gates.isQuarantined(MX)).isFalse();
        now(gates.acquire(MX)).close(Outcome.OK);
    }

    @Test
    void aSuccessBetweenFailuresPreventsQuarantine() {
        HostGates gates = new HostGates(settings(1, 60_000, 0, s(1), s(30), s(60), 3, s(600)), clock);
        for (int i = 0; i < 10; i++) {
            pauseAfter(gates, Outcome.ERROR);
            pauseAfter(gates, Outcome.ERROR);
            pauseAfter(gates, Outcome.OK);
        }
        assertThat(gates.isQuarantined(MX)).isFalse();
    }

    @Test
    void exceptionDuringProbeFailsClosedAndDoesNotHang() {
        HostGates gates = new HostGates(settings(1, 60_000, 0, s(1), s(30), s(60), 5, Duration.ofMinutes(2)), clock);

        // 1. The probe throws: its permit is closed as an error, and backoff applies.
        CompletionStage<String> crashed = gates.withPermit(MX, permit -> {
            permit.report(Outcome.OK); // said OK, then crashed anyway: the crash wins
            throw new IllegalStateException("bug in the probe");
        });
        assertThatThrownBy(() -> crashed.toCompletableFuture().join()).hasCauseInstanceOf(IllegalStateException.class);
        GateState afterCrash = gates.state(MX).orElseThrow();
        assertThat(afterCrash.active()).isZero();
        assertThat(afterCrash.failuresInARow()).isEqualTo(1);
        assertThat(afterCrash.readyAt()).isEqualTo(clock.now().plus(s(30)));

        CompletionStage<String> next = gates.withPermit(MX, permit -> {
            permit.report(Outcome.OK);
            return CompletableFuture.completedFuture("probed");
        });
        clock.advance(s(30).minusNanos(1));
        assertThat(next.toCompletableFuture()).isNotDone();
        clock.advance(Duration.ofNanos(1));
        assertThat(next.toCompletableFuture()).isCompletedWithValue("probed");

        // 2. The probe's stage fails later: same thing.
        clock.advance(Duration.ofHours(1));
        CompletableFuture<String> slowFailure = new CompletableFuture<>();
        CompletionStage<String> failed = gates.withPermit(MX, permit -> slowFailure);
        clock.advance(s(3));
        slowFailure.completeExceptionally(new IllegalStateException("connection reset"));
        assertThat(failed.toCompletableFuture()).isCompletedExceptionally();
        assertThat(gates.state(MX).orElseThrow().failuresInARow()).isEqualTo(1);
        assertThat(gates.state(MX).orElseThrow().readyAt()).isEqualTo(clock.now().plus(s(30)));

        // 3. The holder never closes (hung or forgotten): the host stays busy for the whole lease,
        //    then the permit is taken back as abandoned, with backoff, and the queue moves on.
        clock.advance(Duration.ofHours(1));
        Permit forgotten = now(gates.acquire(OTHER_MX));
        CompletionStage<Permit> waiter = gates.acquire(OTHER_MX);
        clock.advance(Duration.ofMinutes(2).minusNanos(1));
        assertWaiting(waiter);
        assertThat(forgotten.isOpen()).isTrue();
        clock.advance(Duration.ofNanos(1));
        assertThat(forgotten.isOpen()).isFalse();
        assertWaiting(waiter); // backoff, not an early release
        clock.advance(s(30));
        Permit granted = now(waiter);
        forgotten.close(Outcome.OK); // a late close changes nothing
        assertThat(gates.state(OTHER_MX).orElseThrow().active()).isEqualTo(1);
        assertThat(gates.state(OTHER_MX).orElseThrow().failuresInARow()).isEqualTo(1);
        granted.close(Outcome.OK);
        assertThat(gates.state(OTHER_MX).orElseThrow().active()).isZero();
    }

    @Test
    void closingWithoutReportingAnOutcomeCountsAsAnError() {
        HostGates gates = new HostGates(PolitenessSettings.defaults(), clock);
        try (Permit permit = gates.tryAcquire(MX).orElseThrow()) {
            assertThat(permit.isOpen()).isTrue();
        }
        assertThat(gates.state(MX).orElseThrow().failuresInARow()).isEqualTo(1);
    }

    @Test
    void tryAcquireNeverJumpsTheQueue() {
        HostGates gates = new HostGates(settings(1, 60_000, 0, s(1), s(30), s(60), 5, s(600)), clock);
        Permit first = gates.tryAcquire(MX).orElseThrow();
        CompletionStage<Permit> queued = gates.acquire(MX);
        assertThat(gates.tryAcquire(MX)).isEmpty();
        first.close(Outcome.OK);
        clock.advance(ms(1));
        assertThat(gates.tryAcquire(MX)).isEmpty(); // the queued caller got it
        now(queued).close(Outcome.OK);
    }

    @Test
    void aCancelledWaiterGivesUpItsTurn() {
        HostGates gates = new HostGates(settings(1, 60_000, 0, s(1), s(30), s(60), 5, s(600)), clock);
        Permit first = now(gates.acquire(MX));
        CompletionStage<Permit> cancelled = gates.acquire(MX);
        CompletionStage<Permit> third = gates.acquire(MX);
        cancelled.toCompletableFuture().cancel(false);
        first.close(Outcome.OK);
        clock.advance(ms(1));
        now(third).close(Outcome.OK);
        assertThat(gates.state(MX).orElseThrow().active()).isZero();
    }

    @Test
    void sweepingDropsOnlyGatesThatConstrainNothing() {
        HostGates gates = new HostGates(settings(1, 60, 0, s(1), s(30), s(60), 5, Duration.ofHours(1)), clock);
        InetAddress idle = InetAddress.ofLiteral("192.0.2.1");
        InetAddress failing = InetAddress.ofLiteral("192.0.2.2");
        InetAddress busy = InetAddress.ofLiteral("192.0.2.3");
        InetAddress resting = InetAddress.ofLiteral("192.0.2.4");
        gates.tryAcquire(idle).orElseThrow().close(Outcome.OK);
        gates.tryAcquire(failing).orElseThrow().close(Outcome.REFUSED);
        Permit held = gates.tryAcquire(busy).orElseThrow();
        clock.advance(Duration.ofMinutes(10));
        gates.tryAcquire(resting).orElseThrow().close(Outcome.OK); // its 1 s pause is still running

        assertThat(gates.sweep()).isEqualTo(1);
        assertThat(gates.state(idle)).isEmpty();
        assertThat(gates.state(failing)).isPresent();
        assertThat(gates.state(busy)).isPresent();
        assertThat(gates.state(resting)).isPresent();
        assertThat(gates.tryAcquire(resting)).as("politeness survives the sweep").isEmpty();

        held.close(Outcome.OK);
        clock.advance(s(1));
        assertThat(gates.sweep()).isEqualTo(2);
        assertThat(gates.trackedHosts()).isEqualTo(1); // the failing one, until a success or a new round
    }

    @Test
    void memoryStaysBoundedOverManyAddresses() {
        HostGates gates = new HostGates(settings(1, 60_000, 0, s(1), s(30), s(60), 5, s(1)), clock);
        for (int i = 0; i < 50_000; i++) {
            InetAddress ip = InetAddress.ofLiteral("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
            gates.tryAcquire(ip).orElseThrow().close(Outcome.OK);
            clock.advance(ms(1));
        }
        assertThat(gates.trackedHosts()).isLessThanOrEqualTo(8_192);
    }

    @Test
    void acquireCompletesOnlyWhenTheGateOpensWithoutPolling() {
        HostGates gates = new HostGates(settings(1, 6, 0, s(10), s(30), s(60), 5, s(600)), clock);
        now(gates.acquire(MX)).close(Outcome.OK);
        CompletionStage<Permit> next = gates.acquire(MX);
        int scheduled = clock.pending();
        clock.advance(s(9));
        assertWaiting(next);
        assertThat(clock.pending()).as("one wake-up per waiting host, no polling").isEqualTo(scheduled);
        clock.advance(s(1));
        assertThat(now(next).grantedAt()).isEqualTo(clock.now());
    }

    @Test
    void closedPermitsLeaveNoTimersBehind() {
        HostGates gates = new HostGates(settings(1, 60_000, 0, s(1), s(30), s(60), 5, Duration.ofHours(1)), clock);
        for (int i = 0; i < 1_000; i++) {
            now(gates.acquire(MX)).close(Outcome.OK);
            clock.advance(ms(1));
        }
        assertThat(clock.pending()).isZero();
    }

    @Test
    void completionExceptionCarriesTheQuarantine() {
        HostGates gates = new HostGates(settings(1, 60_000, 0, s(1), s(1), s(1), 1, s(600)), clock);
        gates.tryAcquire(MX).orElseThrow().close(Outcome.ERROR);
        Optional<Throwable> cause = Optional.empty();
        try {
            gates.acquire(MX).toCompletableFuture().join();
        } catch (CompletionException e) {
            cause = Optional.of(e.getCause());
        }
        assertThat(cause).get().isInstanceOf(QuarantinedException.class)
                .extracting(t -> ((QuarantinedException) t).address()).isEqualTo(MX);
    }
}
