package io.mailcensus.launcher;

import io.mailcensus.core.metrics.MeterNames;
import io.mailcensus.core.metrics.Metrics;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The coordinator's view of round progress: the tasks it enqueued per round, served as
 * {@value MeterNames#ROUND_TASKS}{@code {round, count="enqueued"}} for the last few rounds (the
 * aggregator serves the same series with done, failed and in-flight from the scans row).
 */
final class RoundsFed {

    private static final int ROUNDS_IN_METRICS = 4;

    private final Metrics metrics;
    private final Map<String, long[]> enqueued = new LinkedHashMap<>();

    RoundsFed(Metrics metrics) {
        this.metrics = metrics;
    }

    synchronized void enqueued(String round, long tasks) {
        long[] holder = enqueued.get(round);
        if (holder == null) {
            long[] h = {tasks};
            holder = h;
            enqueued.put(round, h);
            metrics.gauge(MeterNames.ROUND_TASKS, h, x -> x[0], "round", round, "count", "enqueued");
            if (enqueued.size() > ROUNDS_IN_METRICS) {
                String oldest = enqueued.keySet().iterator().next();
                enqueued.remove(oldest);
                var registry = metrics.registry();
                registry.find(MeterNames.ROUND_TASKS).tag("round", oldest).meters().forEach(registry::remove);
            }
        }
        holder[0] = tasks;
    }
}
