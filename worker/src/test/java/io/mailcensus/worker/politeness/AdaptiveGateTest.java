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
        final LeakyBucket bucket;
        final List<Instant> starts = new ArrayList<>();
        int refused;

        Server(Duration latency, IntPredicate limited) {
            this.latency = latency;
            this.limited = limited;
            this.bucket = null;
        }

        /** Refuses as nginx's limit_req does: {@code bucket} decides each connection. */
        Server(Duration latency, LeakyBucket bucket) {
            this.latency = latency;
            this.limited = null;
            this.bucket = bucket;
        }

        void serve(Permit permit) {
            Instant now = clock.now();
            starts.add(now);
            long thisSecond = starts.stream().filter(t -> !t.isBefore(now.minusSeconds(1))).count();
            boolean refuse = bucket != null ? !bucket.admit(now) : limited.test((int) thisSecond);
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

    /**
     * nginx's {@code limit_req rate=R burst=B nodelay}, counting requests: each connection brings
     * {@code perConnection}; the excess drains at R a second, and a connection that would take it
     * above B is refused (and adds nothing).
     */
    static final class LeakyBucket {
        final double rate;
        final double burst;
        final int perConnection;
        double excess;
        Instant last;

        LeakyBucket(double rate, double burst, int perConnection) {
            this.rate = rate;
            this.burst = burst;
            this.perConnection = perConnection;
        }

        boolean admit(Instant now) {
            if (last != null) {
                excess = Math.max(0, excess - rate * Duration.between(last, now).toNanos() / 1e9);
            }
            last = now;
            for (int i = 0; i < perConnection; i++) {
                if (excess + 1 > burst) {
                    return false;
                }
                excess += 1;
            }
            return true;
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
    void aServerWhoseSitesComeSlowerThanThePaceAndThatCountsRequestsIsLeftBelowItsLimitWithin30Seconds() {
        // A scan sends a host its sites as their DNS finishes, slower than the pace the gate climbs
        // to, so the host sees only those: 1.7 a second for 20 s (the pace climbs towards the
        // ceiling on clean answers), then 3 a second. The host limits requests as nginx's limit_req
        // does (5 a second, a burst of 5), and a site without /.well-known/security.txt gets a
        // second request (the legacy path) on the same connection: 6 requests a second. Cut
        // against the pace (over 1,000 a minute) rather than the 180 a minute the host saw, each
        // 429 took a fifth off a ceiling far above it, and the 429s went on for minutes.
        HostGates gates = new HostGates(adaptive(), clock);
        Server server = new Server(Duration.ofMillis(20), new LeakyBucket(5, 5, 2));
        Instant start = clock.now();
        int slow = 20_000 / 600;
        for (int i = 0; i < slow; i++) {
            clock.runAt(start.plusMillis(600L * i), () -> gates.acquire(WEB).thenAccept(server::serve));
        }
        Instant faster = start.plusSeconds(20);
        int fast = 3 * 120;
        for (int i = 0; i < fast; i++) {
            clock.runAt(faster.plusMillis(333L * i), () -> gates.acquire(WEB).thenAccept(server::serve));
        }
        clock.advance(Duration.ofSeconds(20));
        assertThat(server.refused).as("nothing refused at 1.7 sites a second").isZero();
        assertThat(gates.state(WEB).orElseThrow().perMinute()).as("the pace the gate allows").isGreaterThan(1_000.0);
        clock.advance(Duration.ofSeconds(30));
        int refusedBy30s = server.refused;
        clock.advance(Duration.ofMinutes(10));
        assertThat(refusedBy30s).isPositive();
        assertThat(server.refused).as("no 429 after the first 30 s at 6 requests a second").isEqualTo(refusedBy30s);
        assertThat(server.starts).as("every site fetched").hasSize(slow + fast);
        assertThat(gates.isQuarantined(WEB)).isFalse();
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
