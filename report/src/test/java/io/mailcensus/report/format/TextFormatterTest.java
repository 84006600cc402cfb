package io.mailcensus.report.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.report.SampleReports;
import io.mailcensus.report.catalog.MetricCatalog;
import io.mailcensus.report.catalog.MetricDefinition;
import io.mailcensus.report.catalog.Section;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextFormatterTest {

    private final String text = ReportFormat.TEXT.render(SampleReports.seedLike());
    private final List<String> lines = text.lines().toList();

    @Test
    void sectionsFollowTheSeedsSlides() {
        List<String> titles = Arrays.stream(Section.values()).map(Section::title).toList();
        assertThat(lines).containsSubsequence(titles);
        assertThat(titles).containsExactly("Overview", "DNSSEC and NS", "MX", "STARTTLS", "SPF, DKIM and DMARC",
                "DANE", "MTA-STS and TLS-RPT", "BIMI");
    }

    @Test
    void everyMetricHasALineWithCountPctAndBase() {
        for (MetricDefinition metric : MetricCatalog.metrics()) {
            assertThat(lines).as(metric.key()).anyMatch(line -> line.contains(" " + metric.key() + " "));
        }
        assertThat(line("mx.present")).contains("1,780,602").contains("70.76").endsWith("all (2,516,443)");
        assertThat(line("spf.present")).contains("1,391,162").contains("78.13").endsWith("mx (1,780,602)");
        assertThat(line("m365.tenants_unique")).contains("4,242").matches(".* - +-$");
    }

    @Test
    void columnsAlignAcrossSections() {
        int keyColumn = line("domains.total").indexOf("domains.total");
        int pctEnd = line("domains.total").indexOf("100.00") + "100.00".length();
        for (MetricDefinition metric : MetricCatalog.metrics()) {
            String line = line(metric.key());
            assertThat(line.indexOf(metric.key())).as(metric.key()).isEqualTo(keyColumn);
            if (!metric.countOnly()) {
                String pct = line.substring(0, pctEnd);
                assertThat(pct).as(metric.key()).matches(".*\\d\\.\\d\\d$");
            }
        }
    }

    @Test
    void headerNamesTheScanAndBreakdownsFollowTheirSection() {
        assertThat(text).startsWith("mailcensus report\n  scan      2026-11-28T10:00Z\n");
        assertThat(text).contains("  finished  2026-11-28T16:30:00Z\n").contains("  domains   2,516,443\n");
        assertThat(lines).containsSubsequence("MX", "  MX provider (mx.provider, % of mx (1,780,602))",
                "STARTTLS");
        assertThat(text).containsPattern("mail\\.protection\\.outlook\\.com +125,000 +7\\.02");
    }

    private String line(String key) {
        return lines.stream().filter(line -> line.contains(" " + key + " ")).findFirst().orElseThrow();
    }
}
