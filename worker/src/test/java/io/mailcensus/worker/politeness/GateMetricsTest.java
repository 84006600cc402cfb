package io.mailcensus.worker.politeness;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.core.metrics.Metrics;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a scrape says of a worker's gates: counts by state, and the busiest by address. */
class GateMetricsTest {

    private static final InetAddress BUSY = InetAddress.ofLiteral("192.0.2.80");
    private static final InetAddress QUIET = InetAddress.ofLiteral("192.0.2.81");

    private final ManualScheduler clock = new ManualScheduler();
    private final Metrics metrics = Metrics.prometheus();
    /** HTTPS-like: one connection at a time and 120 a minute to start, adaptive up to 1,200. */
    private final HostGates gates = new HostGates(new PolitenessSettings(1, 120, 5.0, Duration.ofMinutes(5),
            Duration.ofSeconds(5), Duration.ofMinutes(1), 3, Duration.ofMinutes(5), 1_200, 32), clock);

    @Test
    void aScrapeNamesTheBusiestGatesWithTheirPaceWaitersAndRest() {
        GateMetrics.register(metrics, "https", gates);
        for (int i = 0; i < 4; i++) {
            gates.acquire(BUSY);
        }
        Permit quiet = gates.acquire(QUIET).toCompletableFuture().join();

        assertThat(metrics.scrape())
                .contains("mailcensus_gate_pace{ip=\"192.0.2.80\",kind=\"https\"} 120.0")
                .contains("mailcensus_gate_waiting{ip=\"192.0.2.80\",kind=\"https\"} 3.0")
                .contains("mailcensus_gate_waiting{ip=\"192.0.2.81\",kind=\"https\"} 0.0")
                .contains("mailcensus_gates{kind=\"https\",state=\"waiting\"} 3.0");

        quiet.retryAfter(Duration.ofSeconds(40));
        quiet.close(Outcome.TEMP_FAIL);
        gates.acquire(QUIET);
        String after = metrics.scrape();
        assertThat(after).as("a 429 on the first connection: half the 60 a minute it saw, and the server's Retry-After rests the gate")
                .contains("mailcensus_gate_pace{ip=\"192.0.2.81\",kind=\"https\"} 30.0")
                .contains("mailcensus_gate_rest{ip=\"192.0.2.81\",kind=\"https\"} 40.0");
    }

    @Test
    void onlyTheBusiestAreNamedAndAnIdleGateIsNot() {
        GateMetrics.register(metrics, "https", gates);
        for (int host = 1; host <= GateMetrics.BUSIEST + 5; host++) {
            InetAddress ip = InetAddress.ofLiteral("198.51.100." + host);
            for (int i = 0; i < host; i++) {
                gates.acquire(ip);
            }
        }
        Permit idle = gates.acquire(QUIET).toCompletableFuture().join();
        idle.close(Outcome.OK);

        String scrape = metrics.scrape();
        assertThat(scrape.lines().filter(l -> l.startsWith("mailcensus_gate_pace{"))).hasSize(GateMetrics.BUSIEST);
        assertThat(scrape).contains("ip=\"198.51.100.15\"").doesNotContain("ip=\"198.51.100.5\"")
                .doesNotContain("ip=\"192.0.2.81\"");
    }

    @Test
    void aRegistryNobodyScrapesKeepsNothing() {
        GateMetrics.register(Metrics.none(), "https", gates);
        assertThat(Metrics.none().scrape()).isEmpty();
    }
}
