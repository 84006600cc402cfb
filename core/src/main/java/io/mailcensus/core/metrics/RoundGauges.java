package io.mailcensus.core.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One role's view of round progress as {@value MeterNames#ROUND_TASKS}{@code {round, count}}
 * gauges for its last few rounds: the coordinator sets {@code enqueued} as it feeds, a worker adds
 * to {@code probed} (the domain results it produced in the round, re-probes after a crash
 * included); the aggregator's RoundBook serves enqueued, done, failed and in_flight from the scans row.
 */
public final class RoundGauges {

    public static final int ROUNDS_IN_METRICS = 4;

    private final Metrics metrics;
    private final String count;
    private final Map<String, AtomicLong> rounds = new LinkedHashMap<>();

    /** @param count the value of the {@code count} tag these gauges carry */
    public RoundGauges(Metrics metrics, String count) {
        this.metrics = metrics;
        this.count = count;
    }

    public void set(String round, long value) {
        of(round).set(value);
    }

    public void add(String round, long delta) {
        of(round).addAndGet(delta);
    }

    /** The value now (0 for a round not seen or no longer kept). */
    public synchronized long get(String round) {
        AtomicLong v = rounds.get(round);
        return v == null ? 0 : v.get();
    }

    private synchronized AtomicLong of(String round) {
        AtomicLong v = rounds.get(round);
        if (v == null) {
            v = new AtomicLong();
            rounds.put(round, v);
            metrics.gauge(MeterNames.ROUND_TASKS, v, AtomicLong::get, "round", round, "count", count);
            if (rounds.size() > ROUNDS_IN_METRICS) {
                String oldest = rounds.keySet().iterator().next();
                rounds.remove(oldest);
                var registry = metrics.registry();
                registry.find(MeterNames.ROUND_TASKS).tag("round", oldest).tag("count", count).meters()
                        .forEach(registry::remove);
            }
        }
        return v;
    }
}
