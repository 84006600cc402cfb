package io.mailcensus.worker.politeness;

import io.mailcensus.core.metrics.MeterNames;
import io.mailcensus.core.metrics.Metrics;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A worker's gates in its metrics: counts by state ({@link MeterNames#GATES}, read at each
 * scrape), and for the few busiest gates of the moment their pace, waiters and rest, labelled by
 * address. A TLD scan holds hundreds of thousands of gates; naming every one would swamp any
 * Prometheus, and the busiest are the ones an operator asks about ("why is the web stage slow?
 * the parking address is at 240 a minute after a 429").
 */
public final class GateMetrics {

    /** Gates named per kind at each scrape. */
    public static final int BUSIEST = 10;

    private GateMetrics() {}

    /** One worker per process: a second one's gauges of the same kind are ignored. */
    public static void register(Metrics metrics, String kind, HostGates gates) {
        for (String state : HostGates.SUMMARY_STATES) {
            metrics.gauge(MeterNames.GATES, gates, g -> g.summary().get(state), "kind", kind, "state", state);
        }
        MultiGauge pace = metrics.multiGauge(MeterNames.GATE_PACE);
        MultiGauge waiting = metrics.multiGauge(MeterNames.GATE_WAITING);
        MultiGauge rest = metrics.multiGauge(MeterNames.GATE_REST);
        metrics.beforeScrape(() -> {
            List<Map.Entry<InetAddress, GateState>> busiest = gates.busiest(BUSIEST); // once for all three
            Instant now = gates.now();
            pace.register(rows(kind, busiest, GateState::perMinute), true);
            waiting.register(rows(kind, busiest, s -> (double) s.waiting()), true);
            rest.register(rows(kind, busiest, s -> Math.max(0, Duration.between(now, s.readyAt()).toMillis() / 1000.0)),
                    true);
        });
    }

    private static List<MultiGauge.Row<?>> rows(String kind, List<Map.Entry<InetAddress, GateState>> gates,
            Function<GateState, Double> value) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>(gates.size());
        for (Map.Entry<InetAddress, GateState> e : gates) {
            rows.add(MultiGauge.Row.of(Tags.of("kind", kind, "ip", e.getKey().getHostAddress()),
                    value.apply(e.getValue())));
        }
        return rows;
    }
}
