package io.mailcensus.report;

import io.mailcensus.report.catalog.Base;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * The figures of one scan: every metric of report.md by key, in the catalog's order, and the
 * top-N breakdowns. {@code bases} holds each base's size, also for a base no metric uses (mail).
 */
public record Report(
        ScanInfo scan,
        Map<Base, Long> bases,
        SequencedMap<String, Metric> metrics,
        SequencedMap<String, List<BreakdownEntry>> breakdowns) {

    public Report {
        var sizes = new EnumMap<Base, Long>(Base.class);
        sizes.putAll(bases);
        bases = Collections.unmodifiableMap(sizes);
        metrics = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(metrics));
        var copied = new LinkedHashMap<String, List<BreakdownEntry>>();
        breakdowns.forEach((name, rows) -> copied.put(name, List.copyOf(rows)));
        breakdowns = Collections.unmodifiableSequencedMap(copied);
    }
}
