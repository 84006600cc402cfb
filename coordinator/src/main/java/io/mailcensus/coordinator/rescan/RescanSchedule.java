package io.mailcensus.coordinator.rescan;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * When each domain is due in continuous mode ({@code --every 7d}). Time is cut into rounds of
 * one period, counted from a fixed epoch; a domain is due once per round, at its own offset,
 * which is a stable hash of its name. So the 2.5 million domains of a TLD spread evenly over the
 * week instead of arriving in one burst, and each one is rescanned every period, to the
 * millisecond, whichever coordinator process computes it, before or after a restart.
 *
 * <p>Names are expected in their normalised A-label form ({@code DomainName.ascii()}); the
 * hash folds ASCII case anyway, so {@code Example.CH} and {@code example.ch} share a slot.
 */
public final class RescanSchedule {

    private final long periodMillis;
    private final Instant epoch;

    /** Rounds counted from 1970-01-01T00:00Z: the same rounds in every process. */
    public RescanSchedule(Duration period) {
        this(period, Instant.EPOCH);
    }

    public RescanSchedule(Duration period, Instant epoch) {
        if (period.toMillis() < 1) {
            throw new IllegalArgumentException("rescan period must be at least 1 ms: " + period);
        }
        this.periodMillis = period.toMillis();
        this.epoch = epoch;
    }

    public Duration period() {
        return Duration.ofMillis(periodMillis);
    }

    /** The domain's offset within every round, in [0, period). */
    public Duration offset(String domain) {
        return Duration.ofMillis(offsetMillis(domain));
    }

    long offsetMillis(String domain) {
        return Long.remainderUnsigned(hash(domain), periodMillis);
    }

    /** The round that contains {@code t} (negative before the epoch). */
    public long round(Instant t) {
        return Math.floorDiv(millisSinceEpoch(t), periodMillis);
    }

    public Instant roundStart(long round) {
        return epoch.plusMillis(Math.multiplyExact(round, periodMillis));
    }

    /** When the domain is due in the given round. */
    public Instant due(String domain, long round) {
        return roundStart(round).plusMillis(offsetMillis(domain));
    }

    /** The domain's first due time at or after {@code t}. */
    public Instant nextDue(String domain, Instant t) {
        long r = round(t);
        Instant due = due(domain, r);
        return due.isBefore(t) ? due(domain, r + 1) : due;
    }

    long millisSinceEpoch(Instant t) {
        return Duration.between(epoch, t).toMillis();
    }

    /**
     * {@code 7d}, {@code 12h}, {@code 30m}, {@code 90s} or an ISO-8601 duration ({@code P7D}).
     *
     * @throws IllegalArgumentException a one-line reason
     */
    public static Duration parsePeriod(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("p")) {
                return positive(text, Duration.parse(s.toUpperCase(Locale.ROOT)));
            }
            if (s.length() >= 2) {
                long n = Long.parseLong(s.substring(0, s.length() - 1));
                Duration d = switch (s.charAt(s.length() - 1)) {
                    case 'd' -> Duration.ofDays(n);
                    case 'h' -> Duration.ofHours(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 's' -> Duration.ofSeconds(n);
                    default -> null;
                };
                if (d != null) {
                    return positive(text, d);
                }
            }
        } catch (RuntimeException e) {
            // fall through to the one message below
        }
        throw new IllegalArgumentException("rescan period '" + text + "': expected e.g. 7d, 12h, 30m or P7D");
    }

    private static Duration positive(String text, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(text);
        }
        return d;
    }

    /**
     * FNV-1a over the ASCII-lowercased UTF-8 bytes, then the SplitMix64 finaliser so that names
     * differing in one character land far apart. Pinned by a test: changing it moves every
     * domain's slot.
     */
    static long hash(String domain) {
        long h = 0xcbf29ce484222325L;
        for (byte b : domain.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            h ^= c;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return h;
    }
}
