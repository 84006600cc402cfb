package io.mailcensus.report.trend;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailcensus.report.Metric;
import io.mailcensus.report.Report;
import io.mailcensus.report.catalog.MetricCatalog;
import io.mailcensus.report.catalog.MetricDefinition;
import io.mailcensus.report.catalog.Section;
import io.mailcensus.report.format.Figures;
import io.mailcensus.report.format.JsonFormatter;
import io.mailcensus.report.format.MarkdownFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * report --trend as text, Markdown or JSON: one row per metric, one column per scan (and, when
 * there are several days, a second table with one column per day). A cell is the metric's pct,
 * or its count for a bare count, with "(N unknown)" beside a partial figure and "not measured"
 * instead of a pct where nothing of the base was decided; "-" where a scan or day has no figure
 * for it. JSON gives every point its unknown and status.
 */
public final class TrendFormatter {

    private static final String INDENT = "  ";

    private TrendFormatter() {}

    public static String text(Trend trend) {
        var out = new StringBuilder("mailcensus trend\n");
        out.append(INDENT).append("scans     ").append(trend.scans().size()).append(", oldest first\n");
        out.append(INDENT).append("days      ").append(trend.days().size()).append('\n');
        for (String warning : warnings(trend)) {
            out.append(INDENT).append("warning   ").append(io.mailcensus.report.format.Escapes.text(warning)).append('\n');
        }
        table(out, "Per scan (% of each metric's base)", trend.scans());
        if (trend.hasDailySeries()) {
            table(out, "Per day (each domain's latest result as of that day, any scan)", trend.days());
        }
        return out.toString();
    }

    public static String markdown(Trend trend) {
        var out = new StringBuilder("# mailcensus trend\n");
        for (String warning : warnings(trend)) {
            out.append("\n**Warning:** ").append(MarkdownFormatter.escape(warning)).append('\n');
        }
        markdownTable(out, "Per scan", "% of each metric's base, oldest first.", trend.scans());
        if (trend.hasDailySeries()) {
            markdownTable(out, "Per day", "Each domain's latest result as of the end of that day (UTC), from any scan.",
                    trend.days());
        }
        return out.toString();
    }

    /**
     * The current report's JSON (every report.md key) plus {@code "trend": {"scans": [...],
     * "days": [...]}}, each entry {@code {"scan": {id, started, finished, domains}, "metrics":
     * {key: {count, base, base_count, pct, unknown, status}}}}.
     */
    public static String json(Report current, Trend trend) {
        ObjectNode root = JsonFormatter.tree(current);
        ObjectNode node = root.putObject("trend");
        node.set("scans", series(trend.scans()));
        node.set("days", series(trend.days()));
        var warnings = node.putArray("warnings");
        warnings(trend).forEach(warnings::add);
        return JsonFormatter.write(root);
    }

    /**
     * Each scan against the one before it: options or sizes that make the step between them not a
     * trend (ScanDifferences), as "<scan> after <previous>: <why>".
     */
    public static List<String> warnings(Trend trend) {
        var out = new ArrayList<String>();
        for (int i = 1; i < trend.scans().size(); i++) {
            var now = trend.scans().get(i).scan();
            var before = trend.scans().get(i - 1).scan();
            ScanDifferences.between(now, before).forEach(why -> out.add(now.id() + " after " + before.id() + ": " + why));
        }
        return out;
    }

    private static ArrayNode series(List<Report> reports) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Report report : reports) {
            ObjectNode entry = array.addObject();
            entry.set("scan", JsonFormatter.scan(report.scan()));
            ObjectNode metrics = entry.putObject("metrics");
            report.metrics().forEach((key, metric) -> metrics.set(key, JsonFormatter.metric(metric)));
        }
        return array;
    }

    private static void table(StringBuilder out, String title, List<Report> reports) {
        out.append('\n').append(title).append('\n');
        if (reports.isEmpty()) {
            out.append(INDENT).append("(none)\n");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[reports.size() + 1];
        header[0] = "metric";
        for (int i = 0; i < reports.size(); i++) {
            header[i + 1] = reports.get(i).scan().id();
        }
        rows.add(header);
        for (Section section : Section.values()) {
            String[] title2 = new String[header.length];
            title2[0] = section.title();
            rows.add(title2);
            for (MetricDefinition definition : MetricCatalog.metrics(section)) {
                rows.add(row(definition, reports));
            }
        }
        int[] widths = new int[header.length];
        for (String[] row : rows) {
            if (row[1] != null) {
                for (int i = 0; i < row.length; i++) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
        }
        for (String[] row : rows) {
            if (row[1] == null) {
                out.append(INDENT).append(row[0]).append('\n');
                continue;
            }
            out.append(INDENT).append(INDENT).append(row[0]).append(" ".repeat(widths[0] - row[0].length()));
            for (int i = 1; i < row.length; i++) {
                out.append("  ").append(" ".repeat(widths[i] - row[i].length())).append(row[i]);
            }
            out.append('\n');
        }
    }

    private static void markdownTable(StringBuilder out, String title, String note, List<Report> reports) {
        out.append("\n## ").append(title).append("\n\n").append(note).append("\n\n");
        if (reports.isEmpty()) {
            out.append("(none)\n");
            return;
        }
        out.append("| Metric |");
        reports.forEach(report -> out.append(" `").append(MarkdownFormatter.code(report.scan().id())).append("` |"));
        out.append("\n|---|").append("---:|".repeat(reports.size())).append('\n');
        for (MetricDefinition definition : MetricCatalog.metrics()) {
            String[] row = row(definition, reports);
            out.append("| `").append(row[0]).append("` |");
            for (int i = 1; i < row.length; i++) {
                out.append(' ').append(row[i]).append(" |");
            }
            out.append('\n');
        }
    }

    private static String[] row(MetricDefinition definition, List<Report> reports) {
        String[] row = new String[reports.size() + 1];
        row[0] = definition.key();
        for (int i = 0; i < reports.size(); i++) {
            row[i + 1] = cell(reports.get(i).metrics().get(definition.key()));
        }
        return row;
    }

    /**
     * The pct, "not measured" where nothing of the base was decided, and the unknown beside a
     * partial figure (report.md, Coverage): a point of the series is published with its coverage.
     */
    static String cell(Metric metric) {
        if (metric == null) {
            return "-";
        }
        return switch (metric.coverage()) {
            case NOT_MEASURED -> Figures.NOT_MEASURED;
            case PARTIAL -> Figures.pct(metric.pct()) + " (" + Figures.count(metric.unknown()) + " unknown)";
            case MEASURED -> metric.pct() == null ? Figures.count(metric.count()) : Figures.pct(metric.pct());
        };
    }
}
