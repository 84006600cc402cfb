package io.mailcensus.report.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailcensus.report.SampleReports;
import io.mailcensus.report.catalog.MetricCatalog;
import io.mailcensus.report.catalog.MetricDefinition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonFormatterTest {

    private final JsonNode json = parse(ReportFormat.JSON.render(SampleReports.seedLike()));

    @Test
    void hasExactlyReportMdsTopLevelKeysInOrderWithCompareNull() {
        assertThat(names(json)).containsExactly("scan", "metrics", "breakdowns", "compare", "coverage");
        assertThat(json.get("compare").isNull()).isTrue();
    }

    @Test
    void scanCarriesIdTimesAndDomains() {
        JsonNode scan = json.get("scan");
        assertThat(names(scan)).containsExactly("id", "started", "finished", "domains", "resolver", "dnssec", "smtp",
                "http", "opt_out_entries", "smtp_politeness", "https_politeness", "version");
        assertThat(scan.get("smtp").isNull()).as("not recorded").isTrue();
        assertThat(scan.get("id").asText()).isEqualTo("2026-11-28T10:00Z");
        assertThat(scan.get("started").asText()).isEqualTo("2026-11-28T10:00:00Z");
        assertThat(scan.get("finished").asText()).isEqualTo("2026-11-28T16:30:00Z");
        assertThat(scan.get("domains").isIntegralNumber()).isTrue();
        assertThat(scan.get("domains").asLong()).isEqualTo(2_516_443L);
    }

    @Test
    void everyMetricKeyOfTheCatalogIsPresentInItsOrder() {
        assertThat(names(json.get("metrics")))
                .containsExactlyElementsOf(MetricCatalog.metrics().stream().map(MetricDefinition::key).toList());
    }

    @Test
    void aMetricIsCountBaseBaseCountAndPctRoundedToTwoDecimals() {
        JsonNode mx = json.get("metrics").get("mx.present");
        assertThat(names(mx)).containsExactly("count", "base", "base_count", "pct", "unknown", "status");
        assertThat(mx.get("unknown").asLong()).isZero();
        assertThat(mx.get("status").asText()).isEqualTo("measured");
        assertThat(mx.get("count").isIntegralNumber()).isTrue();
        assertThat(mx.get("count").asLong()).isEqualTo(1_780_602L);
        assertThat(mx.get("base").asText()).isEqualTo("all");
        assertThat(mx.get("base_count").asLong()).isEqualTo(2_516_443L);
        assertThat(mx.get("pct").doubleValue()).isEqualTo(70.76);
        JsonNode spf = json.get("metrics").get("spf.present");
        assertThat(spf.get("base").asText()).isEqualTo("mx");
        assertThat(spf.get("pct").doubleValue()).isEqualTo(78.13);
    }

    @Test
    void theDistinctTenantCountHasNoBaseAndANullPct() {
        JsonNode tenants = json.get("metrics").get("m365.tenants_unique");
        assertThat(tenants.get("count").asLong()).isEqualTo(4_242L);
        assertThat(tenants.get("base").isNull()).isTrue();
        assertThat(tenants.get("base_count").isNull()).isTrue();
        assertThat(tenants.get("pct").isNull()).isTrue();
    }

    @Test
    void breakdownsAreListsOfNameCountPct() {
        JsonNode breakdowns = json.get("breakdowns");
        assertThat(names(breakdowns)).containsExactly("ns.provider", "mx.provider", "smtp.software", "tls.issuer_org",
                "ns.brand", "mx.brand", "tls.issuer_brand");
        JsonNode first = breakdowns.get("mx.provider").get(0);
        assertThat(names(first)).containsExactly("name", "count", "pct");
        assertThat(first.get("name").asText()).isEqualTo("hostpoint.ch");
        assertThat(first.get("count").asLong()).isEqualTo(334_394L);
        assertThat(first.get("pct").doubleValue()).isEqualTo(18.78);
    }

    @Test
    void pctIsWrittenAsAPlainNumberWithAtMostTwoDecimals() {
        String text = ReportFormat.JSON.render(SampleReports.seedLike());
        assertThat(text).contains("\"pct\" : 70.76").contains("\"pct\" : 78.13").doesNotContain("E-");
        json.get("metrics").forEach(metric -> {
            if (!metric.get("pct").isNull()) {
                double pct = metric.get("pct").doubleValue();
                assertThat(Math.round(pct * 100) / 100.0).isEqualTo(pct);
            }
        });
    }

    @Test
    void aRunningScanHasANullFinish() {
        var sample = SampleReports.seedLike();
        var running = new io.mailcensus.report.Report(
                new io.mailcensus.report.ScanInfo("s", sample.scan().started(), null, 1),
                sample.bases(), sample.metrics(), sample.breakdowns());
        assertThat(parse(ReportFormat.JSON.render(running)).get("scan").get("finished").isNull()).isTrue();
    }

    private static JsonNode parse(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> names(JsonNode node) {
        var names = new ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
