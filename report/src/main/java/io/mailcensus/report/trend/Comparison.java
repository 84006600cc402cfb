package io.mailcensus.report.trend;

import io.mailcensus.report.Metric;
import io.mailcensus.report.Percent;
import io.mailcensus.report.Report;
import io.mailcensus.report.ScanInfo;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * report --compare OTHER: for every metric of this report, the other scan's figure and the
 * difference in percentage points. A metric the other report lacks (a daily snapshot has no
 * mail-server metrics) is left out rather than compared with a made-up 0. {@code warnings} says
 * why the two may not be comparable (options or size, {@link ScanDifferences}).
 */
public record Comparison(ScanInfo other, SequencedMap<String, MetricChange> metrics, List<String> warnings) {

    public Comparison {
        metrics = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(metrics));
        warnings = List.copyOf(warnings);
    }

    public static Comparison of(Report current, Report other) {
        var changes = new LinkedHashMap<String, MetricChange>();
        current.metrics().forEach((key, metric) -> {
            Metric then = other.metrics().get(key);
            if (then != null) {
                changes.put(key, new MetricChange(then.count(), then.baseCount(), then.pct(),
                        Percent.points(metric.pct(), then.pct())));
            }
        });
        return new Comparison(other.scan(), changes, ScanDifferences.between(current.scan(), other.scan()));
    }
}
