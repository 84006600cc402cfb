package io.mailcensus.report.format;

import io.mailcensus.report.BreakdownEntry;
import io.mailcensus.report.Metric;
import io.mailcensus.report.Report;
import io.mailcensus.report.catalog.Base;
import io.mailcensus.report.catalog.BreakdownDefinition;
import io.mailcensus.report.catalog.MetricCatalog;
import io.mailcensus.report.catalog.MetricDefinition;
import io.mailcensus.report.catalog.Section;
import io.mailcensus.report.changes.Changes;
import io.mailcensus.report.changes.ChangesFormatter;
import io.mailcensus.report.html.Bar;
import io.mailcensus.report.html.BarChart;
import io.mailcensus.report.html.Headline;
import io.mailcensus.report.html.LineChart;
import io.mailcensus.report.html.Palette;
import io.mailcensus.report.html.Scale;
import io.mailcensus.report.html.Series;
import io.mailcensus.report.html.Stylesheet;
import io.mailcensus.report.html.Xml;
import io.mailcensus.report.trend.Comparison;
import io.mailcensus.report.trend.MetricChange;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The HTML report: one self-contained page (inline CSS, server-drawn SVG, no script, and a
 * Content-Security-Policy that forbids every fetch) with headline cards, a bar chart per section
 * of the seed's slides, the provider breakdowns as bars, and, given several scans, trend lines.
 * Every chart has an SVG title and a table of the same numbers below it.
 */
public final class HtmlFormatter implements ReportFormatter {

    /** Blocks every network fetch when the file is opened: only the page's own inline CSS applies. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

    @Override
    public String format(Report report) {
        return render(report, List.of());
    }

    /**
     * The page for {@code current}, with trend lines across {@code history} when it holds more than
     * one scan.
     *
     * @param history reports of several scans, oldest first; {@code current} is added at the end
     *     when no report of the same scan id is in it. With fewer than two scans there is no trend
     *     section. Deltas and ticks are against {@code current.compare()}'s scan when there is one,
     *     else against the scan just before {@code current} in the history.
     */
    public String render(Report current, List<Report> history) {
        return render(current, history, null);
    }

    /** As above, with a "What changed" section after the headline when {@code changes} is given. */
    public String render(Report current, List<Report> history, Changes changes) {
        List<Report> timeline = timeline(current, history);
        int at = indexOf(timeline, current);
        // the scan the reader asked to compare with (report --compare) wins over the one before it
        Previous previous = current.compare() != null ? Previous.of(current.compare())
                : at > 0 ? Previous.of(timeline.get(at - 1)) : null;

        var out = new StringBuilder(64 * 1024);
        String id = current.scan().id();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CONTENT_SECURITY_POLICY)
                .append("\">\n")
                .append("<title>mailcensus report: scan ").append(Xml.escape(id)).append("</title>\n")
                .append("<style>\n").append(Stylesheet.css()).append("</style>\n</head>\n<body>\n");
        header(out, current);
        out.append("<main>\n");
        headline(out, current, previous);
        if (changes != null) {
            out.append(ChangesFormatter.html(changes));
        }
        if (timeline.size() > 1) {
            trend(out, timeline);
        }
        for (Section section : Section.values()) {
            section(out, section, current, previous);
        }
        out.append("</main>\n<footer>mailcensus &middot; every figure is a count over its base and the share of "
                + "that base (report.md); this page fetches nothing from the network.</footer>\n</body>\n</html>\n");
        return out.toString();
    }

    private static List<Report> timeline(Report current, List<Report> history) {
        var timeline = new ArrayList<>(history);
        if (indexOf(timeline, current) < 0) {
            timeline.add(current);
        }
        return timeline;
    }

    private static int indexOf(List<Report> reports, Report report) {
        for (int i = 0; i < reports.size(); i++) {
            if (Objects.equals(reports.get(i).scan().id(), report.scan().id())) {
                return i;
            }
        }
        return -1;
    }

    private static void header(StringBuilder out, Report report) {
        out.append("<header>\n<h1>mailcensus report</h1>\n<dl>");
        pair(out, "Scan", report.scan().id());
        pair(out, "Started", Figures.instant(report.scan().started(), "-"));
        pair(out, "Finished", Figures.instant(report.scan().finished(), "(running)"));
        pair(out, "Domains", Figures.count(report.scan().domains()));
        if (!report.bases().isEmpty()) {
            pair(out, "Bases", Figures.bases(report.bases()));
        }
        for (String[] option : Figures.options(report.scan())) {
            pair(out, option[0].substring(0, 1).toUpperCase(Locale.ROOT) + option[0].substring(1), option[1]);
        }
        out.append("</dl>\n");
        if (report.compare() != null) {
            for (String warning : report.compare().warnings()) {
                out.append("<p class=\"warning\">Not comparable as it stands: ").append(Xml.escape(warning))
                        .append("</p>\n");
            }
        }
        out.append("</header>\n");
    }

    private static void pair(StringBuilder out, String name, String value) {
        out.append("<div class=\"pair\"><dt>").append(name).append("</dt><dd>").append(Xml.escape(value))
                .append("</dd></div>");
    }

    private static void headline(StringBuilder out, Report report, Previous previous) {
        out.append("<section id=\"headline\">\n<h2>Headline</h2>\n<p class=\"note\">Share of each metric's base");
        if (previous != null) {
            out.append("; change in percentage points since scan ").append(Xml.escape(previous.scanId()));
        }
        out.append(".</p>\n<div class=\"cards\">\n");
        int i = 0;
        for (Headline headline : Headline.METRICS) {
            Metric metric = report.metrics().get(headline.key());
            String colour = Palette.colour(i++);
            if (metric == null || metric.base() == null) {
                continue;
            }
            if (!metric.measured()) {
                // nothing of the base decided: say so, never a 0%
                out.append("<div class=\"card not-measured\" style=\"--accent: ").append(colour).append("\" title=\"")
                        .append(Xml.escape(tooltip(headline.key(), metric))).append("\"><div class=\"name\">")
                        .append(Xml.escape(headline.label())).append("</div><div class=\"pct\">")
                        .append(Figures.NOT_MEASURED).append("</div><div class=\"count\">")
                        .append(Figures.count(metric.unknown())).append(" of ").append(Xml.escape(Figures.base(metric)))
                        .append(" unknown</div></div>\n");
                continue;
            }
            out.append("<div class=\"card\" style=\"--accent: ").append(colour).append("\" title=\"")
                    .append(Xml.escape(tooltip(headline.key(), metric))).append("\"><div class=\"name\">")
                    .append(Xml.escape(headline.label())).append("</div><div class=\"pct\">")
                    .append(Figures.pct(metric.pct())).append("%</div><div class=\"count\">")
                    .append(Figures.count(metric.count())).append(" of ").append(Xml.escape(Figures.base(metric)))
                    .append(metric.unknown() == 0 ? "" : " \u00b7 " + Figures.count(metric.unknown()) + " unknown")
                    .append("</div>");
            Double before = previous == null ? null : previous.pct(headline.key());
            if (before != null) {
                double delta = metric.pct() - before;
                out.append("<div class=\"delta ").append(delta > 0 ? "up" : delta < 0 ? "down" : "same").append("\">")
                        .append(pp(delta)).append("</div>");
            }
            out.append("</div>\n");
        }
        out.append("</div>\n</section>\n");
    }

    private static void trend(StringBuilder out, List<Report> timeline) {
        List<String> scans = timeline.stream().map(report -> report.scan().id()).toList();
        out.append("<section id=\"trend\">\n<h2>Trend over ").append(timeline.size()).append(" scans</h2>\n")
                .append("<p class=\"note\">The headline shares in each scan, oldest left.</p>\n");
        var series = new ArrayList<Series>();
        for (Headline headline : Headline.METRICS) {
            series.add(new Series(headline.label(), timeline.stream().map(report -> pct(report, headline.key())).toList()));
        }
        out.append(LineChart.svg("chart-trend", "Headline metrics across scans " + scans.getFirst() + " to "
                + scans.getLast(), scans, series));

        out.append("<details><summary>Every metric in every scan (table)</summary>\n<div class=\"scroll\"><table>\n")
                .append("<thead><tr><th>Metric</th><th>Key</th>");
        for (String scan : scans) {
            out.append("<th class=\"num\">").append(Xml.escape(scan)).append("</th>");
        }
        out.append("<th class=\"num\">Change (pp)</th></tr></thead>\n<tbody>\n");
        for (MetricDefinition definition : MetricCatalog.metrics()) {
            if (definition.countOnly()) {
                continue;
            }
            out.append("<tr><td>").append(Xml.escape(definition.label())).append("</td><td><code>")
                    .append(definition.key()).append("</code></td>");
            for (Report report : timeline) {
                out.append("<td class=\"num\">").append(Figures.pct(pct(report, definition.key()))).append("</td>");
            }
            Double first = pct(timeline.getFirst(), definition.key());
            Double last = pct(timeline.getLast(), definition.key());
            out.append("<td class=\"num\">").append(first == null || last == null ? "-" : pp(last - first))
                    .append("</td></tr>\n");
        }
        out.append("</tbody></table></div></details>\n</section>\n");
    }

    private static void section(StringBuilder out, Section section, Report report, Previous previous) {
        String slug = section.name().toLowerCase(Locale.ROOT);
        out.append("<section id=\"section-").append(slug).append("\">\n<h2>").append(Xml.escape(section.title()))
                .append("</h2>\n");
        var bars = new ArrayList<Bar>();
        var notMeasured = new ArrayList<String>();
        Set<Base> bases = new LinkedHashSet<>();
        for (MetricDefinition definition : MetricCatalog.metrics(section)) {
            Metric metric = report.metrics().get(definition.key());
            // a bare count has no share, and domains.total is always 100%: both are in the table only
            if (metric == null || metric.base() == null || definition.key().equals("domains.total")) {
                continue;
            }
            if (!metric.measured()) {
                notMeasured.add(definition.label());
                continue;
            }
            bases.add(metric.base());
            Double before = previous == null ? null : previous.pct(definition.key());
            String tooltip = definition.label() + ": " + tooltip(definition.key(), metric)
                    + (before == null ? "" : "; previous scan " + Figures.pct(before) + "%");
            bars.add(new Bar(definition.label(), metric.pct(), Figures.pct(metric.pct()) + "% \u00b7 "
                    + Figures.count(metric.count())
                    + (metric.unknown() == 0 ? "" : " (" + Figures.count(metric.unknown()) + " unknown)"), tooltip, before));
        }
        out.append("<p class=\"note\">Bars: share of the base");
        for (Base base : bases) {
            out.append(" &middot; <b>").append(base.label()).append("</b> ").append(baseMeaning(base)).append(" (")
                    .append(Figures.count(report.bases().getOrDefault(base, 0L))).append(")");
        }
        if (previous != null) {
            out.append(" &middot; black tick: scan ").append(Xml.escape(previous.scanId()));
        }
        out.append("</p>\n");
        String notReached = Figures.notReached(section, report);
        if (!notReached.isEmpty()) {
            out.append("<p class=\"note coverage\">").append(Xml.escape(notReached)).append(".</p>\n");
        }
        if (!notMeasured.isEmpty()) {
            out.append("<p class=\"note not-measured\">Not measured (nothing of the base could be decided): ")
                    .append(Xml.escape(String.join(", ", notMeasured))).append(".</p>\n");
        }
        if (!bars.isEmpty()) {
            out.append(BarChart.svg("chart-" + slug, section.title() + ": share of base per metric, scan "
                    + report.scan().id(), bars, Scale.full(), Palette.colour(section.ordinal())));
        }
        metricTable(out, section, report);
        for (BreakdownDefinition breakdown : MetricCatalog.breakdowns(section)) {
            List<BreakdownEntry> entries = report.breakdowns().get(breakdown.name());
            if (entries != null) {
                breakdown(out, breakdown, entries, report);
            }
        }
        out.append("</section>\n");
    }

    private static void metricTable(StringBuilder out, Section section, Report report) {
        out.append("<details><summary>Numbers (table)</summary>\n<table>\n<thead><tr><th>Metric</th><th>Key</th>"
                + "<th class=\"num\">Count</th><th class=\"num\">%</th><th class=\"num\">Unknown</th><th>Base</th>"
                + "</tr></thead>\n<tbody>\n");
        for (MetricDefinition definition : MetricCatalog.metrics(section)) {
            Metric metric = report.metrics().get(definition.key());
            if (metric != null) {
                out.append("<tr><td>").append(Xml.escape(definition.label())).append("</td><td><code>")
                        .append(definition.key()).append("</code></td><td class=\"num\">")
                        .append(Figures.count(metric.count())).append("</td><td class=\"num\">")
                        .append(Figures.pct(metric)).append("</td><td class=\"num\">").append(Figures.unknown(metric))
                        .append("</td><td>").append(Xml.escape(Figures.base(metric)))
                        .append("</td></tr>\n");
            }
        }
        out.append("</tbody></table></details>\n");
    }

    private static void breakdown(StringBuilder out, BreakdownDefinition breakdown, List<BreakdownEntry> entries,
            Report report) {
        String slug = breakdown.name().replace('.', '-');
        String of = Figures.base(breakdown.base(), report.bases());
        out.append("<h3>").append(Xml.escape(breakdown.label())).append("</h3>\n<p class=\"note\">Top ")
                .append(entries.size()).append(" by domains, share of ").append(Xml.escape(of)).append("</p>\n");
        var bars = new ArrayList<Bar>();
        for (BreakdownEntry entry : entries) {
            bars.add(new Bar(entry.name(), entry.pct(), Figures.pct(entry.pct()) + "% \u00b7 " + Figures.count(entry.count()),
                    entry.name() + ": " + Figures.count(entry.count()) + " domains, " + Figures.pct(entry.pct())
                            + "% of " + of, null));
        }
        double largest = entries.stream().mapToDouble(BreakdownEntry::pct).max().orElse(0);
        out.append(BarChart.svg("chart-" + slug, breakdown.label() + " (" + breakdown.name() + "), top "
                + entries.size() + ", share of " + of, bars, Scale.percent(largest), "#5f7896"));
        out.append("<details><summary>").append(Xml.escape(breakdown.label())).append(" (table)</summary>\n<table>\n")
                .append("<thead><tr><th>Name</th><th class=\"num\">Count</th><th class=\"num\">%</th></tr></thead>\n")
                .append("<tbody>\n");
        for (BreakdownEntry entry : entries) {
            out.append("<tr><td>").append(Xml.escape(entry.name())).append("</td><td class=\"num\">")
                    .append(Figures.count(entry.count())).append("</td><td class=\"num\">")
                    .append(Figures.pct(entry.pct())).append("</td></tr>\n");
        }
        out.append("</tbody></table></details>\n");
    }

    /** The scan the page compares with: the one before it in the history, or report --compare's. */
    private record Previous(String scanId, Function<String, Double> pct) {

        static Previous of(Report report) {
            return new Previous(report.scan().id(), key -> HtmlFormatter.pct(report, key));
        }

        static Previous of(Comparison comparison) {
            if (comparison == null) {
                return null;
            }
            return new Previous(comparison.other().id(), key -> {
                MetricChange change = comparison.metrics().get(key);
                return change == null ? null : change.pct();
            });
        }

        Double pct(String key) {
            return pct.apply(key);
        }
    }

    private static Double pct(Report report, String key) {
        Metric metric = report.metrics().get(key);
        return metric == null ? null : metric.pct();
    }

    private static String tooltip(String key, Metric metric) {
        if (!metric.measured()) {
            return Figures.NOT_MEASURED + ": " + Figures.count(metric.unknown()) + " of " + Figures.count(metric.baseCount())
                    + " domains (base " + metric.base().label() + ") could not be decided [" + key + "]";
        }
        return Figures.count(metric.count()) + " of " + Figures.count(metric.baseCount()) + " domains (base "
                + metric.base().label() + ") = " + Figures.pct(metric.pct()) + "%"
                + (metric.unknown() == 0 ? "" : ", " + Figures.count(metric.unknown()) + " unknown") + " [" + key + "]";
    }

    private static String baseMeaning(Base base) {
        return switch (base) {
            case ALL -> "every domain";
            case MX -> "domains with MX";
            case MAIL -> "domains with a usable MX";
            case STARTTLS -> "domains with TLS on an MX";
        };
    }

    /** "+1.23 pp", "-0.50 pp", "±0.00 pp". */
    private static String pp(double delta) {
        double rounded = Math.round(delta * 100) / 100.0;
        String sign = rounded > 0 ? "+" : rounded < 0 ? "\u2212" : "\u00b1";
        return sign + String.format(Locale.ROOT, "%.2f", Math.abs(rounded)) + " pp";
    }
}
