package io.mailcensus.report;

import io.mailcensus.report.catalog.Base;

/**
 * One figure of the report.
 *
 * @param count domains of the base decided "yes" (never includes {@code unknown})
 * @param base the set the share is of; null for a bare count, which then has no baseCount or pct
 * @param pct count / baseCount * 100, 2 decimals (see {@link Percent}); null for a bare count and
 *     for a metric that was not measured at all
 * @param unknown domains of the base this metric could not decide (a DNS error, a server not
 *     reached, a probe not run because of an option, the opt-out list or quarantine)
 */
public record Metric(long count, Base base, Long baseCount, Double pct, long unknown, Coverage coverage) {

    /** A fully measured figure (unknown 0). */
    public Metric(long count, Base base, Long baseCount, Double pct) {
        this(count, base, baseCount, pct, 0, Coverage.MEASURED);
    }

    public static Metric share(long count, Base base, long baseCount) {
        return share(count, base, baseCount, 0);
    }

    /** count of base, with {@code unknown} domains of the base undecided. */
    public static Metric share(long count, Base base, long baseCount, long unknown) {
        Coverage coverage = Coverage.of(unknown, baseCount);
        Double pct = coverage == Coverage.NOT_MEASURED ? null : Percent.of(count, baseCount);
        return new Metric(count, base, baseCount, pct, unknown, coverage);
    }

    public static Metric countOnly(long count) {
        return new Metric(count, null, null, null);
    }

    public boolean measured() {
        return coverage != Coverage.NOT_MEASURED;
    }
}
