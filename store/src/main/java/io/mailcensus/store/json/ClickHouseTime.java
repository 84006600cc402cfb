package io.mailcensus.store.json;

/**
 * Instants as ClickHouse reads DateTime64(3, 'UTC') from text: {@code YYYY-MM-DD hh:mm:ss.sss}
 * in UTC. A string, not a number, because how a bare integer is read into DateTime64 (seconds
 * or ticks) has changed between ClickHouse versions, and these files also feed a server.
 * Hand-written (days-to-civil, H. Hinnant) because java.time formatting would dominate the
 * encoder's cost.
 */
public final class ClickHouseTime {

    /** 1900-01-01T00:00:00Z; earlier instants are clamped to it. */
    public static final long MIN_MILLIS = -2_208_988_800_000L;
    /** 9999-12-31T23:59:59.999Z; later instants are clamped to it. */
    public static final long MAX_MILLIS = 253_402_300_799_999L;

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private ClickHouseTime() {}

    /** Appends {@code epochMillis} (clamped to years 1900-9999) without quotes. */
    public static void append(StringBuilder out, long epochMillis) {
        long millis = Math.clamp(epochMillis, MIN_MILLIS, MAX_MILLIS);
        long days = Math.floorDiv(millis, MILLIS_PER_DAY);
        int ofDay = (int) Math.floorMod(millis, MILLIS_PER_DAY);

        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));

        digits(out, year, 4).append('-');
        digits(out, month, 2).append('-');
        digits(out, day, 2).append(' ');
        digits(out, ofDay / 3_600_000, 2).append(':');
        digits(out, ofDay / 60_000 % 60, 2).append(':');
        digits(out, ofDay / 1000 % 60, 2).append('.');
        digits(out, ofDay % 1000, 3);
    }

    private static StringBuilder digits(StringBuilder out, int value, int width) {
        for (int divisor = width == 4 ? 1000 : width == 3 ? 100 : 10; divisor > 0; divisor /= 10) {
            out.append((char) ('0' + value / divisor % 10));
        }
        return out;
    }
}
