package io.mailcensus.testbed.truth;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The expected count of every {@link Metric}, built one domain at a time. */
public final class Truth {

    private static final Pattern ENTRY = Pattern.compile("\"([^\"]+)\"\\s*:\\s*(\\d+)");

    private final EnumMap<Metric, Long> counts = new EnumMap<>(Metric.class);

    public Truth() {
        for (Metric m : Metric.values()) {
            counts.put(m, 0L);
        }
    }

    public void add(DomainFacts facts) {
        for (Metric m : Metric.values()) {
            if (m.counts(facts)) {
                counts.merge(m, 1L, Long::sum);
            }
        }
    }

    /** Adds a domain as {@code truth-domains.tsv} lists it. */
    void addLine(DomainTruthLine line) {
        line.metrics().forEach(m -> counts.merge(m, 1L, Long::sum));
    }

    public long count(Metric metric) {
        return counts.get(metric);
    }

    /** Every metric key (zero counts included) in the order of {@link Metric}. */
    public Map<String, Long> asMap() {
        Map<String, Long> map = new LinkedHashMap<>();
        counts.forEach((m, n) -> map.put(m.key(), n));
        return map;
    }

    /** Writes a flat JSON object {@code {"domains.total": 1000, ...}}. */
    public void writeJson(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("{\n");
            int i = 0;
            for (Map.Entry<Metric, Long> e : counts.entrySet()) {
                w.write("  \"" + e.getKey().key() + "\": " + e.getValue());
                w.write(++i < counts.size() ? ",\n" : "\n");
            }
            w.write("}\n");
        }
    }

    /** Reads what {@link #writeJson} wrote; every metric key must be there. */
    public static Truth readJson(Path file) throws IOException {
        Truth truth = new Truth();
        Matcher m = ENTRY.matcher(Files.readString(file, StandardCharsets.UTF_8));
        int seen = 0;
        while (m.find()) {
            truth.counts.put(Metric.ofKey(m.group(1)), Long.parseLong(m.group(2)));
            seen++;
        }
        if (seen != Metric.values().length) {
            throw new IOException(file + ": expected " + Metric.values().length + " metrics, found " + seen);
        }
        return truth;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Truth t && t.counts.equals(counts);
    }

    @Override
    public int hashCode() {
        return counts.hashCode();
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
