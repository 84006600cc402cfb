package io.mailcensus.report;

import io.mailcensus.report.catalog.Base;

/**
 * One figure of the report.
 *
 * @param base the set the share is of; null for a bare count, which then has no baseCount or pct
 * @param pct count / baseCount * 100, 2 decimals (see {@link Percent})
 */
public record Metric(long count, Base base, Long baseCount, Double pct) {

    public static Metric share(long count, Base base, long baseCount) {
        return new Metric(count, base, baseCount, Percent.of(count, baseCount));
    }

    public static Metric countOnly(long count) {
        return new Metric(count, null, null, null);
    }
}
