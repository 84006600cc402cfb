package io.mailcensus.report.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailcensus.report.BreakdownEntry;
import io.mailcensus.report.Metric;
import io.mailcensus.report.Report;
import io.mailcensus.report.ScanInfo;
import io.mailcensus.report.trend.Comparison;
import java.time.Instant;
import java.util.List;

/**
 * The JSON report, exactly report.md's shape: {@code scan}, {@code metrics}, {@code breakdowns},
 * {@code compare}. {@code compare} is null without report --compare, else
 * {@code {"scan": {id, started, finished, domains}, "metrics": {key: {count, base_count, pct, points}}}}
 * with the OTHER scan's figures and {@code points} = this scan's pct minus the other's, in
 * percentage points (null for the bare count m365.tenants_unique). Every metric also carries
 * {@code unknown} and {@code status} (measured / partial / not_measured; pct null when not
 * measured), and {@code coverage} says per section how many of its base were not reached and why.
 * Built node by node so that
 * key order is the catalog's, whatever Jackson's defaults; a bare count (m365.tenants_unique) has
 * null base, base_count and pct.
 */
public final class JsonFormatter implements ReportFormatter {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static {
        // JSON escapes C0 itself; DEL and C1 (a terminal's 8-bit CSI) would pass raw to whoever cats the file
        MAPPER.getFactory().setCharacterEscapes(new ControlEscapes());
    }

    /** DEL and C1 control characters as \\uXXXX, beside JSON's own escapes. */
    private static final class ControlEscapes extends com.fasterxml.jackson.core.io.CharacterEscapes {

        private final int[] ascii = standardAsciiEscapesForJSON();

        ControlEscapes() {
            ascii[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public com.fasterxml.jackson.core.SerializableString getEscapeSequence(int ch) {
            return ch >= 0x80 && ch < 0xa0
                    ? new com.fasterxml.jackson.core.io.SerializedString(String.format("\\u%04x", ch))
                    : null;
        }
    }

    @Override
    public String format(Report report) {
        return write(tree(report));
    }

    /** The report as a JSON tree, for a caller that adds keys (report --trend adds {@code trend}). */
    public static ObjectNode tree(Report report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.set("scan", scan(report.scan()));
        ObjectNode metrics = root.putObject("metrics");
        report.metrics().forEach((key, metric) -> metrics.set(key, metric(metric)));
        ObjectNode breakdowns = root.putObject("breakdowns");
        report.breakdowns().forEach((name, entries) -> breakdowns.set(name, entries(entries)));
        if (report.compare() == null) {
            root.putNull("compare");
        } else {
            root.set("compare", compare(report.compare()));
        }
        ObjectNode coverage = root.putObject("coverage");
        report.unreached().forEach((section, reach) -> {
            ObjectNode node = coverage.putObject(Sections.slug(section));
            node.put("not_reached", reach.notReached());
            ObjectNode reasons = node.putObject("reasons");
            reach.reasons().forEach(reasons::put);
        });
        return root;
    }

    /** Indented JSON text with a final newline. */
    public static String write(ObjectNode root) {
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the JSON report", e);
        }
    }

    /**
     * {@code {"scan": {...the other scan...}, "metrics": {key: {"count", "base_count", "pct",
     * "points"}}}}: the other scan's figures, and {@code points} = this pct - that pct.
     */
    private static ObjectNode compare(Comparison comparison) {
        ObjectNode node = MAPPER.createObjectNode();
        node.set("scan", scan(comparison.other()));
        ArrayNode warnings = node.putArray("warnings");
        comparison.warnings().forEach(warnings::add);
        ObjectNode metrics = node.putObject("metrics");
        comparison.metrics().forEach((key, change) -> metrics.putObject(key)
                .put("count", change.count())
                .put("base_count", change.baseCount())
                .put("pct", change.pct())
                .put("points", change.points()));
        return node;
    }

    public static ObjectNode scan(ScanInfo scan) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", scan.id());
        node.put("started", text(scan.started()));
        node.put("finished", text(scan.finished()));
        node.put("domains", scan.domains());
        // the options that change what is measured (null: not recorded)
        var o = scan.options();
        node.put("resolver", o.resolver());
        node.put("dnssec", o.dnssec());
        node.put("smtp", o.smtp());
        node.put("http", o.http());
        node.put("opt_out_entries", o.optOutEntries());
        node.put("smtp_politeness", o.smtpPoliteness());
        node.put("https_politeness", o.httpsPoliteness());
        node.put("version", o.version());
        return node;
    }

    public static ObjectNode metric(Metric metric) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("count", metric.count());
        node.put("base", metric.base() == null ? null : metric.base().label());
        node.put("base_count", metric.baseCount());
        node.put("pct", metric.pct());
        node.put("unknown", metric.unknown());
        node.put("status", metric.coverage().label());
        return node;
    }

    private static ArrayNode entries(List<BreakdownEntry> entries) {
        ArrayNode array = MAPPER.createArrayNode();
        for (BreakdownEntry entry : entries) {
            array.addObject().put("name", entry.name()).put("count", entry.count()).put("pct", entry.pct());
        }
        return array;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
