package io.mailcensus.report.format;

import io.mailcensus.report.BreakdownEntry;
import io.mailcensus.report.Metric;
import io.mailcensus.report.Report;
import io.mailcensus.report.catalog.BreakdownDefinition;
import io.mailcensus.report.catalog.MetricCatalog;
import io.mailcensus.report.catalog.MetricDefinition;
import io.mailcensus.report.catalog.Section;
import io.mailcensus.report.trend.MetricChange;
import java.util.List;

/** The text report as Markdown (GitHub tables): one section per slide, breakdowns below it. */
public final class MarkdownFormatter implements ReportFormatter {

    @Override
    public String format(Report report) {
        var out = new StringBuilder();
        out.append("# mailcensus report: scan `").append(code(report.scan().id())).append("`\n\n");
        out.append("| | |\n|---|---|\n");
        out.append("| Scan | `").append(code(report.scan().id())).append("` |\n");
        out.append("| Started | ").append(Figures.instant(report.scan().started(), "-")).append(" |\n");
        out.append("| Finished | ").append(Figures.instant(report.scan().finished(), "(running)")).append(" |\n");
        out.append("| Domains | ").append(Figures.count(report.scan().domains())).append(" |\n");
        if (!report.bases().isEmpty()) {
            out.append("| Bases | ").append(Figures.bases(report.bases())).append(" |\n");
        }
        for (String[] option : Figures.options(report.scan())) {
            out.append("| ").append(option[0]).append(" | ").append(escape(option[1])).append(" |\n");
        }
        if (report.compare() != null) {
            out.append("| Compared with | `").append(code(report.compare().other().id()))
                    .append("` (its %, and the change since in percentage points) |\n");
            for (String warning : report.compare().warnings()) {
                out.append("| **Warning** | ").append(escape(warning)).append(" |\n");
            }
        }

        for (Section section : Section.values()) {
            out.append("\n## ").append(section.title()).append("\n\n");
            String notReached = Figures.notReached(section, report);
            if (!notReached.isEmpty()) {
                out.append(notReached).append(".\n\n");
            }
            out.append(report.compare() == null
                    ? "| Metric | Key | Count | % | Unknown | Base |\n|---|---|---:|---:|---:|---|\n"
                    : "| Metric | Key | Count | % | Unknown | Then % | Pts | Base |\n|---|---|---:|---:|---:|---:|---:|---|\n");
            for (MetricDefinition definition : MetricCatalog.metrics(section)) {
                Metric metric = report.metrics().get(definition.key());
                if (metric != null) {
                    out.append("| ").append(definition.label())
                            .append(" | `").append(definition.key())
                            .append("` | ").append(Figures.count(metric.count()))
                            .append(" | ").append(Figures.pct(metric))
                            .append(" | ").append(Figures.unknown(metric))
                            .append(compared(report, definition.key()))
                            .append(" | ").append(Figures.base(metric)).append(" |\n");
                }
            }
            for (BreakdownDefinition breakdown : MetricCatalog.breakdowns(section)) {
                List<BreakdownEntry> entries = report.breakdowns().get(breakdown.name());
                if (entries != null) {
                    breakdown(out, breakdown, entries, report);
                }
            }
        }
        return out.toString();
    }

    private static void breakdown(StringBuilder out, BreakdownDefinition breakdown, List<BreakdownEntry> entries,
            Report report) {
        out.append("\n### ").append(breakdown.label()).append(" (`").append(breakdown.name())
                .append("`, % of ").append(Figures.base(breakdown.base(), report.bases())).append(")\n\n");
        if (entries.isEmpty()) {
            out.append("(none)\n");
            return;
        }
        out.append("| Name | Count | % |\n|---|---:|---:|\n");
        for (BreakdownEntry entry : entries) {
            out.append("| ").append(escape(entry.name()))
                    .append(" | ").append(Figures.count(entry.count()))
                    .append(" | ").append(Figures.pct(entry.pct())).append(" |\n");
        }
    }

    /** The then-% and points cells of a comparison, "" without one. */
    private static String compared(Report report, String key) {
        if (report.compare() == null) {
            return "";
        }
        MetricChange change = report.compare().metrics().get(key);
        return change == null
                ? " | - | -"
                : " | " + Figures.pct(change.pct()) + " | " + Figures.points(change.points());
    }

    /**
     * Names come from DNS and certificates: neutralise the syntax that works inside a table cell
     * (pipes, emphasis, code, links, HTML). Our own labels need none of this.
     */
    public static String escape(String raw) {
        // line breaks read as spaces in a cell; other control characters are shown, never passed to a terminal
        String text = Escapes.text(raw.replace('\n', ' ').replace('\r', ' '));
        var out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.append(' ');
            } else {
                if ("\\`*_[]<>|~".indexOf(c) >= 0) {
                    out.append('\\');
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Inside a code span only the backtick matters; a scan id has none, but never break the span. */
    public static String code(String text) {
        return Escapes.text(text.replace('`', '\'').replace('\n', ' '));
    }
}
