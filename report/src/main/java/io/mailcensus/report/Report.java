package io.mailcensus.report;

import io.mailcensus.report.catalog.Base;
import io.mailcensus.report.catalog.Section;
import io.mailcensus.report.trend.Comparison;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * The figures of one scan: every metric of report.md by key, in the catalog's order, and the
 * top-N breakdowns. {@code bases} holds each base's size, also for a base no metric uses (mail).
 *
 * @param compare the same metrics in another scan (report --compare), or null
 * @param unreached per section, the domains of its base that were not reached and why (empty for
 *     a section whose SQL says nothing about it, and for the daily trend snapshots)
 */
public record Report(
        ScanInfo scan,
        Map<Base, Long> bases,
        SequencedMap<String, Metric> metrics,
        SequencedMap<String, List<BreakdownEntry>> breakdowns,
        Comparison compare,
        SequencedMap<Section, SectionCoverage> unreached) {

    public Report {
        var sizes = new EnumMap<Base, Long>(Base.class);
        sizes.putAll(bases);
        bases = Collections.unmodifiableMap(sizes);
        metrics = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(metrics));
        var copied = new LinkedHashMap<String, List<BreakdownEntry>>();
        breakdowns.forEach((name, rows) -> copied.put(name, List.copyOf(rows)));
        breakdowns = Collections.unmodifiableSequencedMap(copied);
        unreached = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(unreached));
    }

    /** A report without section coverage. */
    public Report(
            ScanInfo scan,
            Map<Base, Long> bases,
            SequencedMap<String, Metric> metrics,
            SequencedMap<String, List<BreakdownEntry>> breakdowns,
            Comparison compare) {
        this(scan, bases, metrics, breakdowns, compare, new LinkedHashMap<>());
    }

    /** A report without a comparison. */
    public Report(
            ScanInfo scan,
            Map<Base, Long> bases,
            SequencedMap<String, Metric> metrics,
            SequencedMap<String, List<BreakdownEntry>> breakdowns) {
        this(scan, bases, metrics, breakdowns, null, new LinkedHashMap<>());
    }

    /** This report with every metric compared to {@code other}'s (report --compare). */
    /** The section's coverage; an empty one when the report has none for it. */
    public SectionCoverage unreached(Section section) {
        return unreached.getOrDefault(section, new SectionCoverage(new LinkedHashMap<>()));
    }

    public Report comparedTo(Report other) {
        return new Report(scan, bases, metrics, breakdowns, Comparison.of(this, other), unreached);
    }
}
