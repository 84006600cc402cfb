package io.mailcensus.report.catalog;

/**
 * One row of report.md's metrics table.
 *
 * @param key the metric key, also the column alias in its SQL file
 * @param base the set its percentage is taken of; null for a bare count (m365.tenants_unique)
 * @param sqlFile the file under {@code io/mailcensus/report/sql/} that computes it
 * @param label a short description for the text and Markdown reports
 */
public record MetricDefinition(String key, Base base, Section section, String sqlFile, String label) {

    /** True for a figure that is not a share of a base (its pct is null). */
    public boolean countOnly() {
        return base == null;
    }
}
