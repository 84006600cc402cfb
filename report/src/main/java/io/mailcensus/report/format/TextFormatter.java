package io.mailcensus.report.format;

import io.mailcensus.report.BreakdownEntry;
import io.mailcensus.report.Metric;
import io.mailcensus.report.Report;
import io.mailcensus.report.catalog.BreakdownDefinition;
import io.mailcensus.report.catalog.MetricCatalog;
import io.mailcensus.report.catalog.MetricDefinition;
import io.mailcensus.report.catalog.Section;
import java.util.ArrayList;
import java.util.List;

/**
 * The terminal report: a header, then one aligned table per section of the seed's slides
 * (metric, key, count, pct, base), each followed by its breakdowns. Columns are aligned across
 * the whole report, so sections read as one table.
 */
public final class TextFormatter implements ReportFormatter {

    private static final String INDENT = "  ";

    @Override
    public String format(Report report) {
        var out = new StringBuilder();
        out.append("mailcensus report\n");
        out.append("  scan      ").append(report.scan().id()).append('\n');
        out.append("  started   ").append(Figures.instant(report.scan().started(), "-")).append('\n');
        out.append("  finished  ").append(Figures.instant(report.scan().finished(), "(running)")).append('\n');
        out.append("  domains   ").append(Figures.count(report.scan().domains())).append('\n');
        if (!report.bases().isEmpty()) {
            out.append("  bases     ").append(Figures.bases(report.bases())).append('\n');
        }

        List<String[]> rows = new ArrayList<>();
        for (Section section : Section.values()) {
            for (MetricDefinition definition : MetricCatalog.metrics(section)) {
                Metric metric = report.metrics().get(definition.key());
                if (metric != null) {
                    rows.add(cells(definition, metric));
                }
            }
        }
        String[] header = {"metric", "key", "count", "%", "base"};
        int[] widths = widths(rows, header);

        for (Section section : Section.values()) {
            out.append('\n').append(section.title()).append('\n');
            out.append(line(widths, header));
            for (MetricDefinition definition : MetricCatalog.metrics(section)) {
                Metric metric = report.metrics().get(definition.key());
                if (metric != null) {
                    out.append(line(widths, cells(definition, metric)));
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
        int nameWidth = entries.stream().mapToInt(entry -> entry.name().length()).max().orElse(0);
        int countWidth = entries.stream().mapToInt(entry -> Figures.count(entry.count()).length()).max().orElse(0);
        for (BreakdownEntry entry : entries) {
            out.append(INDENT).append(INDENT)
                    .append(padRight(entry.name(), nameWidth)).append("  ")
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

    private static String[] cells(MetricDefinition definition, Metric metric) {
        return new String[] {
            definition.label(), definition.key(), Figures.count(metric.count()), Figures.pct(metric.pct()),
            Figures.base(metric)
        };
    }

    /** label and key left-aligned, count and pct right-aligned, base left-aligned. */
    private static String line(int[] widths, String[] cells) {
        return INDENT + padRight(cells[0], widths[0]) + "  " + padRight(cells[1], widths[1]) + "  "
                + padLeft(cells[2], widths[2]) + "  " + padLeft(cells[3], widths[3]) + "  " + cells[4] + "\n";
    }

    private static String padRight(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    private static String padLeft(String text, int width) {
        return " ".repeat(Math.max(0, width - text.length())) + text;
    }
}
