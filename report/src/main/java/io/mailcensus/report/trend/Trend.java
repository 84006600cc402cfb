package io.mailcensus.report.trend;

import io.mailcensus.report.Report;
import java.util.List;

/**
 * report --trend: every metric for every scan in the store, and the rolling daily series.
 *
 * @param scans one full report per scan, oldest first
 * @param days one snapshot per UTC day on which a result finished, oldest first: each domain's
 *     latest result as of the end of that day, from any scan (trend_daily.sql). A snapshot's
 *     scan id is the day ("2026-11-28"); it has no breakdowns and only the metrics that
 *     domain_results alone decides (no starttls.*, smtp.software.*, dane.*, mta_sts.effective),
 *     each with its unknown and status as of that day.
 */
public record Trend(List<Report> scans, List<Report> days) {

    public Trend {
        scans = List.copyOf(scans);
        days = List.copyOf(days);
    }

    /** The daily series says more than the per-scan one only when it has several points. */
    public boolean hasDailySeries() {
        return days.size() > 1;
    }
}
