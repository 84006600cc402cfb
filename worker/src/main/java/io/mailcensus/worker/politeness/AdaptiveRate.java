package io.mailcensus.worker.politeness;

import java.time.Duration;
import java.time.Instant;

/**
 * The pace of one IP's gate when it may adapt (HTTPS): additive increase while the server answers
 * quickly and cleanly, multiplicative decrease when it says or shows that it has had enough (TCP's
 * AIMD; Scrapy's AutoThrottle and Heritrix's delay factor read latency the same way).
 *
 * <ul>
 *   <li>Start at the configured rate and connections; never go below them unless the server
 *       pushes back, never above the ceiling ({@link PolitenessSettings#maxPerMinute()},
 *       {@link PolitenessSettings#maxConnections()}).</li>
 *   <li>A clean answer no slower than twice the best seen (plus 100 ms of jitter) adds a quarter
 *       of the configured rate: from 120 to 1,200 a minute in 36 answers.</li>
 *   <li>A 429 or 503, a reset, a timeout or an error halves the rate, at most once a second (the
 *       answers of connections that were already open say nothing new), and lowers the ceiling
 *       for the rest of the round to 80% of the rate that drew it, so the gate does not climb back
 *       into the server's limit: the sawtooth stays below it.</li>
 *   <li>A clean but slow answer (latency rising) takes a quarter off, once a second at most.</li>
 * </ul>
 * A 429 or 503 does not count towards quarantine while the pace can still fall
 * ({@link #canSlowDown()}): a large shared host that rate-limits is slowed down, not given up.
 * Connections at once follow the rate: the configured number at the configured rate, more in
 * proportion as the rate grows, fewer as it falls (never below one).
 *
 * <p>Not thread-safe: its {@link HostGate} calls it under the gate's lock.
 */
final class AdaptiveRate {

    private static final Duration CUT_INTERVAL = Duration.ofSeconds(1);
    private static final Duration JITTER = Duration.ofMillis(100);
    /** The slowest the gate may get after cuts: one connection a minute. */
    private static final double FLOOR_PER_MINUTE = 1;

    private final PolitenessSettings settings;
    private double perMinute;
    private double ceiling;
    private Duration best;
    private Instant lastCut = Instant.MIN;

    AdaptiveRate(PolitenessSettings settings) {
        this.settings = settings;
        reset();
    }

    /** A new round: the configured pace and the full ceiling again. */
    void reset() {
        perMinute = settings.perMinute();
        ceiling = settings.maxPerMinute();
        best = null;
        lastCut = Instant.MIN;
    }

    double perMinute() {
        return perMinute;
    }

    /**
     * Whether a "come back later" (429, 503) still earns the server time by slowing down, rather
     * than by counting towards quarantine: as long as the pace is above an eighth of the configured
     * rate. Below that, the server's limit is too low for the scan and the usual give-up rule
     * applies.
     */
    boolean canSlowDown() {
        return perMinute > settings.perMinute() / 8.0;
    }

    int connections() {
        double scaled = settings.connections() * perMinute / settings.perMinute();
        return (int) Math.max(1, Math.min(settings.maxConnections(), Math.floor(scaled)));
    }

    /** The least gap between two connection starts at the current pace. */
    Duration minDelay() {
        return Duration.ofNanos((long) (60e9 / perMinute));
    }

    /** How a connection went: its outcome and how long it held the permit. */
    void observe(Outcome outcome, Duration latency, Instant now) {
        if (outcome.isFailure()) {
            if (outcome == Outcome.ABANDONED || cutRecently(now)) {
                return; // a reclaimed lease says nothing about the server
            }
            ceiling = Math.max(FLOOR_PER_MINUTE, Math.min(ceiling, perMinute * 0.8));
            cut(0.5, now);
            return;
        }
        if (best == null || latency.compareTo(best) < 0) {
            best = latency;
        }
        if (latency.compareTo(best.multipliedBy(2).plus(JITTER)) > 0) {
            if (!cutRecently(now)) {
                cut(0.75, now);
            }
            return;
        }
        perMinute = Math.min(ceiling, perMinute + settings.perMinute() / 4.0);
    }

    private boolean cutRecently(Instant now) {
        return now.isBefore(lastCut.plus(CUT_INTERVAL));
    }

    private void cut(double factor, Instant now) {
        perMinute = Math.max(FLOOR_PER_MINUTE, perMinute * factor);
        lastCut = now;
    }
}
