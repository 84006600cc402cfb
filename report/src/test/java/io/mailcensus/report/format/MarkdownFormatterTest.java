package io.mailcensus.report.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.report.SampleReports;
import io.mailcensus.report.catalog.MetricCatalog;
import io.mailcensus.report.catalog.Section;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MarkdownFormatterTest {

    private final String md = ReportFormat.MD.render(SampleReports.seedLike());

    @Test
    void oneSectionPerSlideInOrder() {
        assertThat(md.lines().filter(line -> line.startsWith("## ")).toList())
                .containsExactlyElementsOf(Arrays.stream(Section.values()).map(s -> "## " + s.title()).toList());
    }

    @Test
    void everyMetricIsATableRow() {
        MetricCatalog.metrics().forEach(metric -> assertThat(md).contains("| `" + metric.key() + "` |"));
        assertThat(md).contains("| At least one MX | `mx.present` | 1,780,602 | 70.76 |  | all (2,516,443) |");
        assertThat(md).contains("| `m365.tenants_unique` | 4,242 | - |  | - |");
    }

    @Test
    void everyTableRowHasTheHeadersNumberOfCells() {
        md.lines().filter(line -> line.startsWith("| ")).forEach(line -> {
            long cells = line.replace("\\|", "").chars().filter(c -> c == '|').count() - 1;
            assertThat(cells).as(line).isIn(2L, 3L, 6L);
        });
    }

    @Test
    void namesFromTheNetworkCannotBreakTheTable() {
        assertThat(md).contains("| Let's Encrypt \\| R3 | 200,000 | 13.33 |");
        assertThat(MarkdownFormatter.escape("*x*_<b>")).isEqualTo("\\*x\\*\\_\\<b\\>");
        assertThat(MarkdownFormatter.escape("a\nb")).isEqualTo("a b");
    }

    @Test
    void unknownFormatNamesAreRefused() {
        assertThat(ReportFormat.parse("md")).isEqualTo(ReportFormat.MD);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReportFormat.parse("pdf"))
                .hasMessageContaining("text, md, json");
    }
}
