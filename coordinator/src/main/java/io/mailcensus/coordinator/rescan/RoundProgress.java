package io.mailcensus.coordinator.rescan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per round (scan id): how many domains were enqueued, are done, failed, and so are still in
 * flight. Pure bookkeeping fed by counts, from whatever carries them (the feeder's sink, a
 * Kafka consumer of results); thread-safe.
 *
 * <p>"Done" is a result written, whatever its status: a domain whose checks timed out is done,
 * its errors are data. "Failed" is a task given up on (dead-lettered). Kafka delivers at least
 * once, so done + failed may pass enqueued: in flight never goes below zero.
 */
public final class RoundProgress {

    /** One round's counts at one moment. */
    public record Counts(long enqueued, long done, long failed, boolean feedingFinished) {

        public long inFlight() {
            return Math.max(0, enqueued - done - failed);
        }

        /** Every domain of the round was fed and has an outcome. */
        public boolean complete() {
            return feedingFinished && inFlight() == 0;
        }
    }

    private final Map<String, Round> rounds = new ConcurrentHashMap<>();
    private final AtomicLong nextOrder = new AtomicLong();

    public void enqueued(String round, long n) {
        round(round).enqueued.add(n);
    }

    public void done(String round, long n) {
        round(round).done.add(n);
    }

    public void failed(String round, long n) {
        round(round).failed.add(n);
    }

    /** No more domains will be enqueued for the round (its period is over, or a one-off round was fed). */
    public void feedingFinished(String round) {
        round(round).feedingFinished = true;
    }

    /** The round's counts; all zero for a round never heard of. */
    public Counts counts(String round) {
        Round r = rounds.get(round);
        return r == null ? new Counts(0, 0, 0, false) : r.counts();
    }

    /** Every known round, oldest first (in the order they were first counted). */
    public Map<String, Counts> all() {
        Map<String, Counts> out = new LinkedHashMap<>();
        rounds.values().stream().sorted((a, b) -> Long.compare(a.order, b.order))
                .forEach(r -> out.put(r.id, r.counts()));
        return out;
    }

    /** Drops a round that is complete and reported, so a coordinator running for years stays small. */
    public void forget(String round) {
        rounds.remove(round);
    }

    private Round round(String id) {
        return rounds.computeIfAbsent(id, k -> new Round(k, nextOrder.getAndIncrement()));
    }

    private static final class Round {
        final String id;
        final long order;
        final LongAdder enqueued = new LongAdder();
        final LongAdder done = new LongAdder();
        final LongAdder failed = new LongAdder();
        volatile boolean feedingFinished;

        Round(String id, long order) {
            this.id = id;
            this.order = order;
        }

        Counts counts() {
            // The flag first: once it is set, enqueued is final, and outcomes read after it are only newer.
            boolean finished = feedingFinished;
            long e = enqueued.sum();
            return new Counts(e, done.sum(), failed.sum(), finished);
        }
    }
}
