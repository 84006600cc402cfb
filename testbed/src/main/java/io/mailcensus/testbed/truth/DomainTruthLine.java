package io.mailcensus.testbed.truth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One line of {@code truth-domains.tsv}: a domain, its Unicode form, {@code ok} or
 * {@code error:<kind>}, the metric keys it counts in, and the generated cases.
 *
 * <p>Columns are tab-separated; lists are comma-separated and {@code -} when empty. The file
 * starts with the header line {@link #HEADER}.
 */
public record DomainTruthLine(String domain, String unicode, String status, Set<Metric> metrics, List<String> cases) {

    public static final String HEADER = "domain\tunicode\tstatus\tmetrics\tcases";

    public static DomainTruthLine of(DomainFacts facts) {
        EnumSet<Metric> metrics = EnumSet.noneOf(Metric.class);
        for (Metric m : Metric.values()) {
            if (m.counts(facts)) {
                metrics.add(m);
            }
        }
        String status = facts.ok() ? "ok" : "error:" + facts.broken().name().toLowerCase(java.util.Locale.ROOT);
        return new DomainTruthLine(facts.name(), facts.unicode(), status, metrics, facts.cases());
    }

    public boolean ok() {
        return status.equals("ok");
    }

    public boolean counts(Metric metric) {
        return metrics.contains(metric);
    }

    public boolean hasCase(String tag) {
        return cases.contains(tag);
    }

    public String toTsv() {
        List<String> keys = new ArrayList<>();
        metrics.forEach(m -> keys.add(m.key()));
        return String.join("\t", domain, unicode, status, join(keys), join(cases));
    }

    public static DomainTruthLine parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 5) {
            throw new IllegalArgumentException("truth line needs 5 columns: " + line);
        }
        EnumSet<Metric> metrics = EnumSet.noneOf(Metric.class);
        split(f[3]).forEach(k -> metrics.add(Metric.ofKey(k)));
        return new DomainTruthLine(f[0], f[1], f[2], metrics, split(f[4]));
    }

    private static String join(List<String> items) {
        return items.isEmpty() ? "-" : String.join(",", items);
    }

    private static List<String> split(String column) {
        return column.equals("-") ? List.of() : Arrays.asList(column.split(","));
    }
}
