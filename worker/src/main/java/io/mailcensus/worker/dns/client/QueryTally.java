package io.mailcensus.worker.dns.client;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Queries put on the wire, by kind: what a scan spends its resolver's capacity on. Kinds are the
 * record type, except where the name says what the query is for (DKIM selectors and the
 * {@code _domainkey} node, DMARC and its report authorisation), and {@code verdict} for the one
 * validated query per domain (the validator's own DS and DNSKEY fetches are not counted here).
 * Retries count as queries: they cost the resolver the same.
 */
public final class QueryTally {

    private final ConcurrentHashMap<String, LongAdder> byKind = new ConcurrentHashMap<>();

    void count(Query query) {
        byKind.computeIfAbsent(kindOf(query), k -> new LongAdder()).increment();
    }

    void countVerdict() {
        byKind.computeIfAbsent("verdict", k -> new LongAdder()).increment();
    }

    static String kindOf(Query query) {
        String name = query.name().toString().toLowerCase(Locale.ROOT);
        if (name.startsWith("_domainkey.") || name.contains("._domainkey.")) {
            return "dkim";
        }
        if (name.startsWith("_dmarc.") || name.contains("._dmarc.")) {
            return "dmarc";
        }
        return query.qtype();
    }

    public long total() {
        return byKind.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Counts by kind, largest first. */
    public Map<String, Long> byKind() {
        Map<String, Long> sorted = new LinkedHashMap<>();
        byKind.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue().sum()))
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** "20.3 per domain: TXT 6.1, A 3.0, ..." for {@code domains} domains; empty when none. */
    public String perDomain(long domains) {
        if (domains <= 0 || total() == 0) {
            return "";
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%.1f per domain:", (double) total() / domains));
        String sep = " ";
        for (Map.Entry<String, Long> e : byKind().entrySet()) {
            line.append(sep).append(e.getKey()).append(' ')
                    .append(String.format(Locale.ROOT, "%.1f", (double) e.getValue() / domains));
            sep = ", ";
        }
        return line.toString();
    }
}
