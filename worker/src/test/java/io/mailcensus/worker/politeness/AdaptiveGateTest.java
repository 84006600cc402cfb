package io.mailcensus.worker.politeness;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * The HTTPS gate's adaptive pace, against simulated web servers on a manual clock: a fast shared
 * host lets it climb to the ceiling and no further, a rate-limiting host (429 above N a second)
 * pushes it below its limit and keeps it there, Retry-After is honoured.
 */
class AdaptiveGateTest {

    private static final InetAddress WEB = InetAddress.ofLiteral("192.0.2.80");

    private final ManualScheduler clock = new ManualScheduler();

    /** HTTPS-like: 120 a minute and 4 at once to start, up to 1,200 and 32; backoff 5 s, quarantine after 3. */
    private static PolitenessSettings adaptive() {
        return new PolitenessSettings(4, 120, 5.0, Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofMinutes(1),
                3, Duration.ofMinutes(5), 1_200, 32);
    }

    /** A web server: each request takes {@code latency}; {@code limited} says whether the n-th start in the current second is refused (429). */
    private final class Server {
        final Duration latency;
        final IntPredicate limited;
        final List<Instant> starts = new ArrayList<>();
        int refused;

        Server(Duration latency, IntPredicate limited) {
            this.latency = latency;
            this.limited = limited;
        }

        void serve(Permit permit) {
            Instant now = clock.now();
            starts.add(now);
            long thisSecond = starts.stream().filter(t -> !t.isBefore(now.minusSeconds(1))).count();
            boolean refuse = limited.test((int) thisSecond);
            clock.runAt(now.plus(latency), () -> {
                if (refuse) {
                    refused++;
                    permit.close(Outcome.TEMP_FAIL);
                } else {
                    permit.close(Outcome.OK);
                }
            });
        }

        /** The most connection starts in any one-second window from {@code from} on. */
        long peakPerSecond(Instant from) {
            Deque<Instant> window = new ArrayDeque<>();
            long peak = 0;
            for (Instant t : starts) {
                if (t.isBefore(from)) {
                    continue;
                }
                window.addLast(t);
                while (window.peekFirst().isBefore(t.minusSeconds(1)) || window.peekFirst().equals(t.minusSeconds(1))) {
                    window.removeFirst();
                }
                peak = Math.max(peak, window.size());
            }
            return peak;
        }
    }

    private void queue(HostGates gates, Server server, int requests) {
        for (int i = 0; i < requests; i++) {
            gates.acquire(WEB).thenAccept(server::serve);
        }
    }

    @Test
    void aFastCleanServerLetsThePaceClimbToTheCeilingAndNoFurther() {
        HostGates gates = new HostGates(adaptive(), clock);
        Server server = new Server(Duration.ofMillis(20), n -> false);
        queue(gates, server, 3_000);
        clock.advance(Duration.ofSeconds(10));
        GateState state = gates.state(WEB).orElseThrow();
        assertThat(state.perMinute()).isEqualTo(1_200.0);
        assertThat(state.connections()).isEqualTo(32);
        clock.advance(Duration.ofMinutes(5));
        assertThat(server.starts).hasSize(3_000);
        assertThat(server.peakPerSecond(Instant.MIN)).isLessThanOrEqualTo(21); // 20 a second, both ends of the window
        // 3,000 fetches at 120 a minute would take 25 minutes
        assertThat(Duration.between(server.starts.getFirst(), server.starts.getLast())).isLessThan(Duration.ofMinutes(3));
    }

    @Test
    void aServerThatSays429AboveItsLimitSeesThePaceFallBelowItAndStayThere() {
        HostGates gates = new HostGates(adaptive(), clock);
        int limitPerSecond = 6;
        Server server = new Server(Duration.ofMillis(20), n -> n > limitPerSecond);
        queue(gates, server, 2_000);
        Instant start = clock.now();
        clock.advance(Duration.ofSeconds(30));
        int refusedBy30s = server.refused;
        clock.advance(Duration.ofMinutes(5));
        assertThat(refusedBy30s).isPositive();
        assertThat(server.refused).as("no 429 after the first 30 s").isEqualTo(refusedBy30s);
        assertThat(server.peakPerSecond(start.plusSeconds(30))).isLessThanOrEqualTo(limitPerSecond);
        assertThat(gates.isQuarantined(WEB)).isFalse();
        assertThat(gates.state(WEB).orElseThrow().perMinute()).isLessThan(limitPerSecond * 60.0);
    }

    @Test
    void retryAfterHoldsTheNextConnection() {
        HostGates gates = new HostGates(adaptive(), clock);
        Permit first = gates.acquire(WEB).toCompletableFuture().join();
        first.retryAfter(Duration.ofSeconds(40));
        first.close(Outcome.TEMP_FAIL);
        var next = gates.acquire(WEB).toCompletableFuture();
        clock.advance(Duration.ofSeconds(39));
        assertThat(next).isNotDone();
        clock.advance(Duration.ofSeconds(2));
        assertThat(next).isDone();
    }

    @Test
    void aServerThatRefusesEvenAtTheSlowestPaceIsQuarantined() {
        HostGates gates = new HostGates(adaptive(), clock);
        Server server = new Server(Duration.ofMillis(20), n -> true);
        queue(gates, server, 200);
        clock.advance(Duration.ofMinutes(30));
        assertThat(gates.isQuarantined(WEB)).isTrue();
        assertThat(server.starts.size()).isLessThan(30);
    }

    @Test
    void aFixedGateNeverMoves() {
        PolitenessSettings fixed = new PolitenessSettings(4, 120, 5.0, Duration.ofMinutes(5), Duration.ofSeconds(5),
                Duration.ofMinutes(1), 3, Duration.ofMinutes(5));
        assertThat(fixed.adaptive()).isFalse();
        HostGates gates = new HostGates(fixed, clock);
        Server server = new Server(Duration.ofMillis(20), n -> false);
        queue(gates, server, 100);
        clock.advance(Duration.ofSeconds(30));
        assertThat(gates.state(WEB).orElseThrow().perMinute()).isEqualTo(120.0);
        assertThat(server.starts).hasSizeLessThanOrEqualTo(61);
    }
}
