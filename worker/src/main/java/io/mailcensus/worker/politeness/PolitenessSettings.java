package io.mailcensus.worker.politeness;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * How gently one target IP address is treated. Validated on construction, so a bad value fails at
 * start-up rather than in the middle of a round.
 *
 * @param connections at most this many connections to one IP at once (1 for SMTP: a mail server
 *     that sees two parallel sessions from a scanner may well rate-limit or block it)
 * @param perMinute at most this many new connections to one IP per minute; the gap between two
 *     connection starts is at least {@code 60 s / perMinute}, and so is the pause after a
 *     connection ends
 * @param delayFactor Heritrix's politeness factor: after a connection that took {@code d}, the
 *     host rests {@code max(60 s / perMinute, delayFactor x d)}, clamped to {@code maxDelay}, so
 *     slow servers get more room automatically
 * @param maxDelay the most that {@code delayFactor} may stretch the pause (backoff is apart)
 * @param backoffBase the pause after the first failure; it doubles with each further one in a row
 * @param backoffMax the most that backoff may grow to
 * @param quarantineAfter this many failures in a row put the host in quarantine for the rest of
 *     the round
 * @param lease how long a permit may be held before the gate takes it back as
 *     {@link Outcome#ABANDONED} (fail closed, but never hang): longer than any honest probe
 * @param maxPerMinute the ceiling of an adaptive gate ({@link AdaptiveRate}): the rate may grow
 *     from {@code perMinute} up to this while the server answers quickly and cleanly. Equal to
 *     {@code perMinute}: a fixed gate (SMTP's)
 * @param maxConnections the ceiling of connections at once of an adaptive gate
 */
public record PolitenessSettings(
        int connections,
        int perMinute,
        double delayFactor,
        Duration maxDelay,
        Duration backoffBase,
        Duration backoffMax,
        int quarantineAfter,
        Duration lease,
        int maxPerMinute,
        int maxConnections) {

    public static final int DEFAULT_CONNECTIONS = 1;
    public static final int DEFAULT_PER_MINUTE = 6;
    public static final double DEFAULT_DELAY_FACTOR = 5.0;
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofMinutes(5);
    public static final Duration DEFAULT_BACKOFF_BASE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofMinutes(30);
    public static final int DEFAULT_QUARANTINE_AFTER = 5;
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);

    /** The keys of {@link #fromOptions}; anything else is a typo and is refused. */
    public static final Set<String> OPTION_NAMES = Set.of(
            "connections", "per-minute", "delay-factor", "max-delay", "backoff-base", "backoff-max",
            "quarantine-after", "lease", "max-per-minute", "max-connections");

    private static final int MAX_PER_MINUTE = 60_000; // one per millisecond: beyond that it is no limit

    public PolitenessSettings {
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be >= 1: " + connections);
        }
        if (perMinute < 1 || perMinute > MAX_PER_MINUTE) {
            throw new IllegalArgumentException("perMinute must be in 1.." + MAX_PER_MINUTE + ": " + perMinute);
        }
        if (!(delayFactor >= 0) || Double.isInfinite(delayFactor)) {
            throw new IllegalArgumentException("delayFactor must be a finite number >= 0: " + delayFactor);
        }
        requirePositive(maxDelay, "maxDelay");
        requirePositive(backoffBase, "backoffBase");
        requirePositive(backoffMax, "backoffMax");
        requirePositive(lease, "lease");
        if (backoffMax.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("backoffMax " + backoffMax + " is below backoffBase " + backoffBase);
        }
        if (maxDelay.compareTo(Duration.ofMinutes(1).dividedBy(perMinute)) < 0) {
            throw new IllegalArgumentException("maxDelay " + maxDelay + " is below the gap that perMinute="
                    + perMinute + " already imposes");
        }
        if (quarantineAfter < 1) {
            throw new IllegalArgumentException("quarantineAfter must be >= 1: " + quarantineAfter);
        }
        if (maxPerMinute < perMinute || maxPerMinute > MAX_PER_MINUTE) {
            throw new IllegalArgumentException("max-per-minute must be in per-minute (" + perMinute + ").."
                    + MAX_PER_MINUTE + ": " + maxPerMinute);
        }
        if (maxConnections < connections) {
            throw new IllegalArgumentException("max-connections must be >= connections (" + connections + "): "
                    + maxConnections);
        }
    }

    /** A fixed gate: no adaptation above {@code perMinute} and {@code connections}. */
    public PolitenessSettings(int connections, int perMinute, double delayFactor, Duration maxDelay,
            Duration backoffBase, Duration backoffMax, int quarantineAfter, Duration lease) {
        this(connections, perMinute, delayFactor, maxDelay, backoffBase, backoffMax, quarantineAfter, lease,
                perMinute, connections);
    }

    /** Whether the gate may go faster than {@code perMinute} or wider than {@code connections}. */
    public boolean adaptive() {
        return maxPerMinute > perMinute || maxConnections > connections;
    }

    /** The same, adapting up to these ceilings (raised to the configured values if below them). */
    public PolitenessSettings withCeiling(int perMinuteCeiling, int connectionsCeiling) {
        return new PolitenessSettings(connections, perMinute, delayFactor, maxDelay, backoffBase, backoffMax,
                quarantineAfter, lease, Math.max(perMinute, perMinuteCeiling), Math.max(connections, connectionsCeiling));
    }

    public static PolitenessSettings defaults() {
        return new PolitenessSettings(DEFAULT_CONNECTIONS, DEFAULT_PER_MINUTE, DEFAULT_DELAY_FACTOR,
                DEFAULT_MAX_DELAY, DEFAULT_BACKOFF_BASE, DEFAULT_BACKOFF_MAX, DEFAULT_QUARANTINE_AFTER,
                DEFAULT_LEASE);
    }

    /**
     * The defaults overridden by {@code name=value} options (for a command line such as
     * {@code --politeness per-minute=3,backoff-max=PT1H}). Durations are ISO-8601 ({@code PT30S})
     * or a number of seconds. An unknown name or a bad value throws: no silent fallback on a typo.
     */
    public static PolitenessSettings fromOptions(Map<String, String> options) {
        Objects.requireNonNull(options, "options");
        PolitenessSettings d = defaults();
        Set<String> unknown = new TreeSet<>(options.keySet());
        unknown.removeAll(OPTION_NAMES);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown politeness option(s) " + unknown + "; known: "
                    + new TreeSet<>(OPTION_NAMES));
        }
        int connections = integer(options, "connections", d.connections);
        int perMinute = integer(options, "per-minute", d.perMinute);
        return new PolitenessSettings(
                connections,
                perMinute,
                number(options, "delay-factor", d.delayFactor),
                duration(options, "max-delay", d.maxDelay),
                duration(options, "backoff-base", d.backoffBase),
                duration(options, "backoff-max", d.backoffMax),
                integer(options, "quarantine-after", d.quarantineAfter),
                duration(options, "lease", d.lease),
                integer(options, "max-per-minute", perMinute),
                integer(options, "max-connections", connections));
    }

    /** The smallest gap between two connection starts, and the least pause after one ends. */
    public Duration minDelay() {
        return Duration.ofMinutes(1).dividedBy(perMinute);
    }

    /** Heritrix: {@code max(minDelay, delayFactor x lastDuration)}, at most {@code maxDelay}. */
    public Duration politeDelay(Duration lastDuration) {
        long scaled = (long) Math.min((double) Long.MAX_VALUE, delayFactor * Math.max(0, lastDuration.toNanos()));
        Duration delay = Duration.ofNanos(Math.min(scaled, maxDelay.toNanos()));
        return delay.compareTo(minDelay()) < 0 ? minDelay() : delay;
    }

    /** {@code backoffBase x 2^(failuresInARow - 1)}, at most {@code backoffMax}; zero without failures. */
    public Duration backoff(int failuresInARow) {
        if (failuresInARow <= 0) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failuresInARow - 1, 62);
        long base = backoffBase.toNanos();
        long grown = base > (Long.MAX_VALUE >> doublings) ? Long.MAX_VALUE : base << doublings;
        return Duration.ofNanos(Math.min(grown, backoffMax.toNanos()));
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    private static int integer(Map<String, String> options, String name, int fallback) {
        String text = options.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer: '" + text + "'", e);
        }
    }

    private static double number(Map<String, String> options, String name, double fallback) {
        String text = options.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number: '" + text + "'", e);
        }
    }

    private static Duration duration(Map<String, String> options, String name, Duration fallback) {
        String text = options.get(name);
        if (text == null) {
            return fallback;
        }
        String t = text.strip();
        try {
            return t.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(t)) : Duration.parse(t);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " must be a duration (PT30S or seconds): '" + text + "'", e);
        }
    }
}
