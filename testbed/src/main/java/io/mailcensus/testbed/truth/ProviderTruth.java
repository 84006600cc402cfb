package io.mailcensus.testbed.truth;

import io.mailcensus.testbed.truth.DomainFacts.MxKind;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The expected provider breakdowns of report.md: {@code ns.provider} (base all) and
 * {@code mx.provider} (base mx), counting each domain once per provider. A provider is the
 * registrable domain of a host; every generated name lives under a TLD the Public Suffix List
 * does not know ({@code test.}, {@code example.}), where mailcensus falls back to the last two
 * labels, so that is the rule here ({@code localhost.} stays {@code localhost}). A broken domain
 * counts nowhere: its NS and MX lookups fail.
 *
 * <p>Stored as {@code truth-breakdowns.tsv}: {@code breakdown<TAB>name<TAB>count}, best first.
 */
public final class ProviderTruth {

    public static final String NS = "ns.provider";
    public static final String MX = "mx.provider";

    /** One row: a provider and how many domains of the base use it. */
    public record Entry(String name, long count) {}

    private final Map<String, Map<String, Long>> counts = new TreeMap<>();

    /**
     * @param nsHosts the domain's NS host names, absolute
     * @param mxHosts its MX host names, absolute ({@code .} for a null MX)
     */
    public void add(DomainFacts facts, List<String> nsHosts, List<String> mxHosts) {
        if (!facts.ok()) {
            return;
        }
        tally(NS, nsHosts);
        if (facts.mx() != MxKind.NONE) {
            tally(MX, mxHosts);
        }
    }

    private void tally(String breakdown, List<String> hosts) {
        LinkedHashSet<String> providers = new LinkedHashSet<>();
        for (String host : hosts) {
            String p = provider(host);
            if (!p.isEmpty()) {
                providers.add(p);
            }
        }
        Map<String, Long> rows = counts.computeIfAbsent(breakdown, k -> new TreeMap<>());
        providers.forEach(p -> rows.merge(p, 1L, Long::sum));
    }

    /** The last two labels of a host under an unlisted TLD; the root has none. */
    static String provider(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty()) {
            return "";
        }
        String[] labels = name.split("\\.");
        return labels.length <= 2 ? name : labels[labels.length - 2] + "." + labels[labels.length - 1];
    }

    /** Rows of one breakdown as the report orders them: count descending, then name. */
    public List<Entry> rows(String breakdown) {
        List<Entry> rows = new ArrayList<>();
        counts.getOrDefault(breakdown, Map.of()).forEach((name, n) -> rows.add(new Entry(name, n)));
        rows.sort(Comparator.comparingLong(Entry::count).reversed().thenComparing(Entry::name));
        return rows;
    }

    public void write(Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String breakdown : counts.keySet()) {
                for (Entry e : rows(breakdown)) {
                    w.write(breakdown + "\t" + e.name() + "\t" + e.count() + "\n");
                }
            }
        }
    }

    public static ProviderTruth read(Path file) throws IOException {
        ProviderTruth truth = new ProviderTruth();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            if (f.length == 3) {
                truth.counts.computeIfAbsent(f[0], k -> new TreeMap<>()).put(f[1], Long.parseLong(f[2]));
            }
        }
        return truth;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProviderTruth t && t.counts.equals(counts);
    }

    @Override
    public int hashCode() {
        return counts.hashCode();
    }
}
