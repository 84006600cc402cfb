package io.mailcensus.report.format;

import io.mailcensus.report.BreakdownEntry;
import io.mailcensus.report.Metric;
import io.mailcensus.report.Report;
import io.mailcensus.report.catalog.BreakdownDefinition;
import io.mailcensus.report.catalog.MetricCatalog;
import io.mailcensus.report.catalog.MetricDefinition;
import io.mailcensus.report.catalog.Section;
import io.mailcensus.report.trend.MetricChange;
import java.util.ArrayList;
import java.util.List;

/**
 * The terminal report: a header, then one aligned table per section of the seed's slides
 * (metric, key, count, pct, unknown, base), each followed by its breakdowns. Columns are aligned
 * across the whole report, so sections read as one table. A metric of which nothing was decided
 * prints "not measured" instead of a percentage; a section with domains that were not reached
 * says how many and why above its table.
 */
public final class TextFormatter implements ReportFormatter {

    private static final String INDENT = "  ";

    @Override
    public String format(Report report) {
        var out = new StringBuilder();
        out.append("mailcensus report\n");
        out.append("  scan      ").append(Escapes.text(report.scan().id())).append('\n');
        out.append("  started   ").append(Figures.instant(report.scan().started(), "-")).append('\n');
        out.append("  finished  ").append(Figures.instant(report.scan().finished(), "(running)")).append('\n');
        out.append("  domains   ").append(Figures.count(report.scan().domains())).append('\n');
        if (!report.bases().isEmpty()) {
            out.append("  bases     ").append(Figures.bases(report.bases())).append('\n');
        }
        for (String[] option : Figures.options(report.scan())) {
            out.append("  ").append(padRight(option[0] + " ", 10)).append(Escapes.text(option[1])).append('\n');
        }
        if (report.compare() != null) {
            out.append("  compare   ").append(report.compare().other().id())
                    .append(" (pct there, and the change since in percentage points)\n");
            for (String warning : report.compare().warnings()) {
                out.append("  warning   ").append(Escapes.text(warning)).append('\n');
            }
        }

        List<String[]> rows = new ArrayList<>();
        for (Section section : Section.values()) {
            for (MetricDefinition definition : MetricCatalog.metrics(section)) {
                Metric metric = report.metrics().get(definition.key());
                if (metric != null) {
                    rows.add(cells(definition, metric, report));
                }
            }
        }
        String[] header = report.compare() == null
                ? new String[] {"metric", "key", "count", "%", "unknown", "base"}
                : new String[] {"metric", "key", "count", "%", "unknown", "then %", "pts", "base"};
        int[] widths = widths(rows, header);

        for (Section section : Section.values()) {
            out.append('\n').append(section.title()).append('\n');
            String notReached = Figures.notReached(section, report);
            if (!notReached.isEmpty()) {
                out.append(INDENT).append(notReached).append('\n');
            }
            out.append(line(widths, header));
            for (MetricDefinition definition : MetricCatalog.metrics(section)) {
                Metric metric = report.metrics().get(definition.key());
                if (metric != null) {
                    out.append(line(widths, cells(definition, metric, report)));
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
        out.append('\n').append(INDENT).append(breakdown.label()).append(" (").append(breakdown.name())
                .append(", % of ")
                .append(Figures.base(breakdown.base(), report.bases())).append(")\n");
        if (entries.isEmpty()) {
            out.append(INDENT).append(INDENT).append("(none)\n");
            return;
        }
        int nameWidth = entries.stream().mapToInt(entry -> Escapes.text(entry.name()).length()).max().orElse(0);
        int countWidth = entries.stream().mapToInt(entry -> Figures.count(entry.count()).length()).max().orElse(0);
        for (BreakdownEntry entry : entries) {
            out.append(INDENT).append(INDENT)
                    .append(padRight(Escapes.text(entry.name()), nameWidth)).append("  ")
                    .append(padLeft(Figures.count(entry.count()), countWidth)).append("  ")
                    .append(padLeft(Figures.pct(entry.pct()), 6)).append('\n');
        }
    }

    private static int[] widths(List<String[]> rows, String[] header) {
        int[] widths = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            widths[i] = header[i].length();
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        return widths;
    }

    private static String[] cells(MetricDefinition definition, Metric metric, Report report) {
        if (report.compare() == null) {
            return new String[] {
                definition.label(), definition.key(), Figures.count(metric.count()), Figures.pct(metric),
                Figures.unknown(metric), Figures.base(metric)
            };
        }
        MetricChange change = report.compare().metrics().get(definition.key());
        return new String[] {
            definition.label(), definition.key(), Figures.count(metric.count()), Figures.pct(metric),
            Figures.unknown(metric), change == null ? "-" : Figures.pct(change.pct()), change == null ? "-" : Figures.points(change.points()),
            Figures.base(metric)
        };
    }

    /** label and key left-aligned, the figures right-aligned, base (the last cell) left-aligned. */
    private static String line(int[] widths, String[] cells) {
        var out = new StringBuilder(INDENT).append(padRight(cells[0], widths[0])).append("  ")
                .append(padRight(cells[1], widths[1]));
        for (int i = 2; i < cells.length - 1; i++) {
            out.append("  ").append(padLeft(cells[i], widths[i]));
        }
        return out.append("  ").append(cells[cells.length - 1]).append('\n').toString();
    }

    private static String padRight(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    private static String padLeft(String text, int width) {
        return " ".repeat(Math.max(0, width - text.length())) + text;
    }
}
