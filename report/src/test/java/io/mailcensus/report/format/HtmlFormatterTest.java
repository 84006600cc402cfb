package io.mailcensus.report.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.report.Report;
import io.mailcensus.report.SampleReports;
import io.mailcensus.report.catalog.MetricCatalog;
import io.mailcensus.report.catalog.Section;
import io.mailcensus.report.html.Headline;
import io.mailcensus.report.html.TwoScans;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

class HtmlFormatterTest {

    private final HtmlFormatter formatter = new HtmlFormatter();
    private final String single = ReportFormat.HTML.render(SampleReports.seedLike());
    private final String trend = formatter.render(TwoScans.newer(), TwoScans.history());

    @Test
    void htmlIsAFormatOfTheCommandLine() {
        assertThat(ReportFormat.parse("html")).isEqualTo(ReportFormat.HTML);
        assertThat(single).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
    }

    @Test
    void thePageIsSelfContainedAndForbidsEveryFetch() {
        assertThat(single).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                + "style-src 'unsafe-inline'\">");
        assertThat(single).doesNotContain("<script", "<link", "<img", "@import", "url(", "src=\"http", "href=\"http");
        // the only URL on the page is the SVG namespace, which is a name, never fetched
        assertThat(Pattern.compile("https?://").matcher(single.replace("http://www.w3.org/2000/svg", "")).find())
                .isFalse();
    }

    @Test
    void aChartPerSectionAndPerBreakdown() {
        for (Section section : Section.values()) {
            assertThat(single).contains("<svg class=\"chart bar-chart\" id=\"chart-" + section.name().toLowerCase() + "\"");
        }
        MetricCatalog.breakdowns().forEach(breakdown ->
                assertThat(single).contains("id=\"chart-" + breakdown.name().replace('.', '-') + "\""));
    }

    @Test
    void aSingleScanHasNoTrendSection() {
        assertThat(single).doesNotContain("id=\"trend\"", "line-chart");
        assertThat(formatter.render(TwoScans.newer(), List.of())).doesNotContain("line-chart");
        assertThat(formatter.render(TwoScans.newer(), List.of(TwoScans.newer()))).doesNotContain("line-chart");
    }

    @Test
    void severalScansGetTrendLinesForTheHeadlineMetrics() {
        assertThat(trend).contains("<section id=\"trend\">", "Trend over 2 scans", "class=\"chart line-chart\"");
        assertThat(count(trend, "<polyline class=\"trend\"")).isEqualTo(Headline.METRICS.size());
        // DMARC: 11.26% * 0.85 = 9.57% a year earlier, as its point's tooltip says
        assertThat(trend).contains("<title>DMARC, 2025-11-28T10:00Z: 9.57%</title>");
    }

    @Test
    void theCurrentScanIsAddedToAHistoryThatLacksIt() {
        String page = formatter.render(TwoScans.newer(), List.of(TwoScans.older()));
        assertThat(page).contains("Trend over 2 scans");
    }

    @Test
    void deltasAndTicksAreAgainstThePreviousScan() {
        assertThat(trend).contains("change in percentage points since scan 2025-11-28T10:00Z");
        // DMARC 11.26 now, 9.57 then
        assertThat(trend).contains("<div class=\"delta up\">+1.69 pp</div>");
        assertThat(trend).contains("<line class=\"previous\"");
        assertThat(single).doesNotContain("class=\"previous\"", "class=\"delta");
    }

    @Test
    void aComparedReportShowsTheOtherScanAsPrevious() {
        Report compared = TwoScans.newer().comparedTo(TwoScans.older());
        assertThat(formatter.render(compared, List.of())).contains("<div class=\"delta up\">+1.69 pp</div>")
                .doesNotContain("line-chart");
    }

    @Test
    void theScanAskedForByCompareWinsOverThePreviousInTheHistory() {
        Report comparedWithItself = TwoScans.newer().comparedTo(TwoScans.newer());
        assertThat(formatter.render(comparedWithItself, TwoScans.history()))
                .contains("Trend over 2 scans", "since scan 2026-11-28T10:00Z", "<div class=\"delta same\">\u00b10.00 pp</div>")
                .doesNotContain("delta up");
    }

    @Test
    void everyNumberIsAlsoInATable() {
        MetricCatalog.metrics().forEach(metric -> assertThat(single).contains("<code>" + metric.key() + "</code>"));
        assertThat(single).contains("<td>At least one MX</td><td><code>mx.present</code></td><td class=\"num\">"
                + "1,780,602</td><td class=\"num\">70.76</td><td class=\"num\"></td><td>all (2,516,443)</td>");
        assertThat(single).contains("<td>hostpoint.ch</td><td class=\"num\">334,394</td><td class=\"num\">18.78</td>");
    }

    @Test
    void chartsAreAccessible() {
        int charts = count(trend, "<svg class=\"chart");
        assertThat(charts).isEqualTo(Section.values().length + MetricCatalog.breakdowns().size() + 1);
        assertThat(count(trend, "role=\"img\" aria-labelledby=")).isEqualTo(charts);
        assertThat(trend).contains("<title>At least one MX: 1,780,635 of 2,516,443 domains (base all) = 70.76% "
                + "[mx.present]; previous scan 70.76%</title>");
    }

    @Test
    void namesFromTheNetworkAreEscaped() {
        assertThat(trend).doesNotContain("<script>alert(1)</script>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;.example");
    }

    @Test
    void everyChartIsWellFormedXml() throws Exception {
        var matcher = Pattern.compile("<svg .*?</svg>", Pattern.DOTALL).matcher(trend);
        int parsed = 0;
        while (matcher.find()) {
            DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new InputSource(new java.io.StringReader(matcher.group())));
            parsed++;
        }
        assertThat(parsed).isEqualTo(count(trend, "<svg "));
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }
}
