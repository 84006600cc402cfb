package io.mailcensus.worker.politeness;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * The pace of one IP's gate when it may adapt (HTTPS): additive increase while the server answers
 * quickly and cleanly, multiplicative decrease when it says or shows that it has had enough (TCP's
 * AIMD; Scrapy's AutoThrottle and Heritrix's delay factor read latency the same way).
 *
 * <ul>
 *   <li>Start at the configured rate and connections; never go below them unless the server
 *       pushes back, never above the ceiling ({@link PolitenessSettings#maxPerMinute()},
 *       {@link PolitenessSettings#maxConnections()}).</li>
 *   <li>A clean answer no slower than twice the server's typical latency (plus 100 ms of jitter)
 *       adds a quarter of the configured rate: from 120 to 1,200 a minute in 36 answers. The
 *       typical latency is an average that follows clean answers slowly (a tenth of each), not
 *       the best ever seen: a scanner whose own cores are busy answers its handshakes more
 *       slowly all round, and measured against one lucky early answer every later one looked
 *       slow, which held a large host at a pace or two a second for minutes.</li>
 *   <li>A 429 or 503, a reset, a timeout or an error halves the rate, at most once a second (the
 *       answers of connections that were already open say nothing new). The rate halved is the
 *       rate the server saw, connection starts in the last {@link #SEEN_WINDOW}, where that is
 *       below the pace: the pace is what the gate allows, and a host whose sites come in slower
 *       than that (most of a scan) sees only those.</li>
 *   <li>A 429 or 503 (the server said: too many) also lowers the ceiling for the rest of the
 *       round to 70% of that rate, so the gate does not climb back into the server's limit: the
 *       sawtooth stays below it (a connection may carry two requests, which the gate does not
 *       see). A limiter such as nginx's limit_req refuses when the last seconds' requests overflow
 *       its burst, so the window is short (3 s; over 5 s the slow seconds before a burst halved
 *       the estimate). Measured against the pace instead, a host that limits requests drew a
 *       429 every 10 s for a minute: each cut took a fifth off a ceiling far above what it was
 *       sent (bench web-concentration, hosted share 0.08, 2026-12-06). A timeout, reset or error
 *       leaves the ceiling alone: on shared hosting one hanging site times out without the host
 *       being busy, and over a scan of hours such sites would ratchet a large host's ceiling down
 *       to the floor; the pace climbs back on clean answers.</li>
 *   <li>A clean but slow answer (latency jumping above twice the typical) takes a quarter off,
 *       once a second at most; a server that stays slow becomes the new typical.</li>
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
    /** How much wider than 60 s / pace the gap between starts is (see {@link #minDelay()}). */
    static final double JITTER_ROOM = 1.02;
    /** How much of each clean answer's latency goes into the typical latency. */
    private static final double TYPICAL_WEIGHT = 0.1;
    /** The slowest the gate may get after cuts: one connection a minute. */
    private static final double FLOOR_PER_MINUTE = 1;
    /** How far back the starts the server saw are counted when it pushes back. */
    static final Duration SEEN_WINDOW = Duration.ofSeconds(3);
    /** The ceiling after a 429 or 503, of the rate that drew it. */
    private static final double TOO_MANY_CEILING = 0.7;

    private final PolitenessSettings settings;
    private double perMinute;
    private double ceiling;
    /** Exponentially weighted average of clean answers' latency, nanoseconds; 0: none yet. */
    private double typicalNanos;
    private Instant lastCut = Instant.MIN;
    /** Connection starts within the last {@link #SEEN_WINDOW} (at most the ceiling's worth: 100 at 20 a second). */
    private final ArrayDeque<Instant> recentStarts = new ArrayDeque<>();
    private Instant firstStart;

    AdaptiveRate(PolitenessSettings settings) {
        this.settings = settings;
        reset();
    }

    /** A new round: the configured pace and the full ceiling again. */
    void reset() {
        perMinute = settings.perMinute();
        ceiling = settings.maxPerMinute();
        typicalNanos = 0;
        lastCut = Instant.MIN;
        recentStarts.clear();
        firstStart = null;
    }

    /** A connection started now. */
    void started(Instant now) {
        if (firstStart == null) {
            firstStart = now;
        }
        recentStarts.addLast(now);
        forgetBefore(now.minus(SEEN_WINDOW));
    }

    /**
     * The starts a minute the server saw lately: over the last {@link #SEEN_WINDOW}, or since the
     * first start when that is more recent (at least over a second).
     */
    double seenPerMinute(Instant now) {
        forgetBefore(now.minus(SEEN_WINDOW));
        if (firstStart == null) {
            return 0;
        }
        Duration since = Duration.between(firstStart, now);
        Duration span = since.compareTo(SEEN_WINDOW) < 0 ? since : SEEN_WINDOW;
        double seconds = Math.max(1.0, span.toNanos() / 1e9);
        return recentStarts.size() * 60.0 / seconds;
    }

    private void forgetBefore(Instant cutoff) {
        while (!recentStarts.isEmpty() && !recentStarts.peekFirst().isAfter(cutoff)) {
            recentStarts.removeFirst();
        }
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

    /**
     * The least gap between two connection starts at the current pace, {@link #JITTER_ROOM} wider
     * than 60 s / pace: the server counts starts by its own clock, and its accept times jitter by
     * milliseconds. At exactly 50 ms a parking address saw 21 starts within 0.986 s under a
     * ceiling of 20 a second (bench, 2026-12-06); 2% more keeps 21 starts over 1.02 s apart.
     */
    Duration minDelay() {
        return Duration.ofNanos((long) (60e9 * JITTER_ROOM / perMinute));
    }

    /** How a connection went: its outcome and how long it held the permit. */
    void observe(Outcome outcome, Duration latency, Instant now) {
        if (outcome.isFailure()) {
            if (outcome == Outcome.ABANDONED || cutRecently(now)) {
                return; // a reclaimed lease says nothing about the server
            }
            double seen = seenPerMinute(now);
            double drew = seen > 0 ? Math.min(perMinute, seen) : perMinute;
            if (outcome == Outcome.TEMP_FAIL) {
                ceiling = Math.max(FLOOR_PER_MINUTE, Math.min(ceiling, drew * TOO_MANY_CEILING));
            }
            perMinute = Math.min(perMinute, drew);
            cut(0.5, now);
            return;
        }
        double nanos = Math.max(0, latency.toNanos());
        if (typicalNanos == 0) {
            typicalNanos = nanos;
        }
        boolean slow = nanos > 2 * typicalNanos + JITTER.toNanos();
        typicalNanos += (nanos - typicalNanos) * TYPICAL_WEIGHT;
        if (slow) {
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
