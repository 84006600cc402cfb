package io.mailcensus.report.trend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailcensus.report.Metric;
import io.mailcensus.report.Report;
import io.mailcensus.report.SampleReports;
import io.mailcensus.report.ScanInfo;
import io.mailcensus.report.catalog.Base;
import io.mailcensus.report.format.ReportFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    private static final Report NOW = SampleReports.seedLike();

    /** The same report as an earlier scan, with DMARC at the seed's previous 7.8%. */
    private static Report earlier(Map<String, Metric> changed, boolean dropSpf) {
        var metrics = new LinkedHashMap<>(NOW.metrics());
        metrics.putAll(changed);
        if (dropSpf) {
            metrics.remove("spf.present");
        }
        return new Report(new ScanInfo("2022-q3", null, null, 2_394_000L), NOW.bases(), metrics, new LinkedHashMap<>());
    }

    @Test
    void pointsAreTheDifferenceOfThePrintedPercentages() {
        var dmarcNow = Metric.share(200_521, Base.MX, 1_780_602);       // 11.26
        var dmarcThen = Metric.share(139_000, Base.MX, 1_782_051);      // 7.80
        var now = new Report(NOW.scan(), NOW.bases(), withMetric("dmarc.present", dmarcNow), NOW.breakdowns());
        Report compared = now.comparedTo(earlier(Map.of("dmarc.present", dmarcThen), false));

        MetricChange change = compared.compare().metrics().get("dmarc.present");
        assertThat(change.pct()).isEqualTo(7.80);
        assertThat(change.points()).isEqualTo(3.46);
        assertThat(change.count()).isEqualTo(139_000);
        assertThat(change.baseCount()).isEqualTo(1_782_051);
        assertThat(compared.compare().other().id()).isEqualTo("2022-q3");
    }

    @Test
    void aBareCountHasNoPointsAndAMissingMetricIsLeftOut() {
        Report compared = NOW.comparedTo(earlier(Map.of(), true));
        assertThat(compared.compare().metrics().get("m365.tenants_unique").points()).isNull();
        assertThat(compared.compare().metrics().get("m365.tenants_unique").count()).isEqualTo(4_242);
        assertThat(compared.compare().metrics()).doesNotContainKey("spf.present").containsKey("mx.present");
        assertThat(compared.compare().metrics().get("mx.present").points()).isEqualTo(0.0);
    }

    @Test
    void jsonCompareIsNullWithoutAndTheDocumentedShapeWith() throws Exception {
        var mapper = new ObjectMapper();
        assertThat(mapper.readTree(ReportFormat.JSON.render(NOW)).get("compare").isNull()).isTrue();

        JsonNode json = mapper.readTree(ReportFormat.JSON.render(
                NOW.comparedTo(earlier(Map.of("mx.present", Metric.share(1_700_000, Base.ALL, 2_516_443)), false))));
        assertThat(json.fieldNames()).toIterable().containsExactly("scan", "metrics", "breakdowns", "compare", "coverage");
        JsonNode compare = json.get("compare");
        assertThat(compare.get("scan").get("id").asText()).isEqualTo("2022-q3");
        JsonNode mx = compare.get("metrics").get("mx.present");
        assertThat(mx.fieldNames()).toIterable().containsExactly("count", "base_count", "pct", "points");
        assertThat(mx.get("pct").asDouble()).isEqualTo(67.56);
        assertThat(mx.get("points").asDouble()).isEqualTo(3.20);
        assertThat(compare.get("metrics").get("m365.tenants_unique").get("points").isNull()).isTrue();
    }

    @Test
    void textAndMarkdownShowTheOtherPctAndSignedPoints() {
        Report compared = NOW.comparedTo(
                earlier(Map.of("mx.present", Metric.share(1_800_000, Base.ALL, 2_516_443)), true));
        String text = ReportFormat.TEXT.render(compared);
        assertThat(text).contains("compare   2022-q3", "then %", "pts", "71.53", "-0.77");
        assertThat(text.lines().filter(line -> line.contains("spf.present")).findFirst().orElseThrow())
                .contains(" - ");
        String md = ReportFormat.MD.render(compared);
        assertThat(md).contains("| Then % | Pts |", "| 71.53 | -0.77 |", "Compared with | `2022-q3`");
        assertThat(ReportFormat.TEXT.render(NOW)).doesNotContain("then %");
    }

    @Test
    void trendTablesHaveAColumnPerScanAndADashWhereAFigureIsMissing() {
        Report before = earlier(Map.of(), true);
        var trend = new Trend(List.of(before, NOW), List.of());
        String text = TrendFormatter.text(trend);
        assertThat(text).contains("2022-q3", "2026-11-28T10:00Z", "Per scan");
        assertThat(text).doesNotContain("Per day");
        assertThat(text.lines().filter(line -> line.strip().startsWith("spf.present ")).findFirst().orElseThrow())
                .contains(" - ", "78.13");
        assertThat(TrendFormatter.markdown(trend)).contains("| `spf.present` | - | 78.13 |");
    }

    private static LinkedHashMap<String, Metric> withMetric(String key, Metric metric) {
        var metrics = new LinkedHashMap<>(NOW.metrics());
        metrics.put(key, metric);
        return metrics;
    }
}
