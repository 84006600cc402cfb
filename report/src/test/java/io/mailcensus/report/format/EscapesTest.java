package io.mailcensus.report.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.report.BreakdownEntry;
import io.mailcensus.report.Report;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A hostile certificate's O= must not drive the reader's terminal. */
class EscapesTest {

    private static final String HOSTILE = "Evil\u001b]0;owned\u0007\u001b[2J CA\u009b";

    @Test
    void controlCharactersBecomeVisibleEscapes() {
        assertThat(Escapes.text(HOSTILE)).isEqualTo("Evil\\x1b]0;owned\\x07\\x1b[2J CA\\u009b");
        assertThat(Escapes.text("Let's Encrypt")).isEqualTo("Let's Encrypt");
        assertThat(Escapes.text("Zürich")).isEqualTo("Zürich");
    }

    @Test
    void textAndMarkdownReportsPrintNoControlCharacter() throws Exception {
        Report sample = io.mailcensus.report.SampleReports.seedLike();
        var breakdowns = new LinkedHashMap<>(sample.breakdowns());
        breakdowns.put("tls.issuer_org", List.of(new BreakdownEntry(HOSTILE, 5, 1.0)));
        Report hostile = new Report(sample.scan(), sample.bases(), sample.metrics(), breakdowns);
        for (ReportFormat format : List.of(ReportFormat.TEXT, ReportFormat.MD, ReportFormat.JSON)) {
            String out = format.render(hostile);
            assertThat(out.chars().filter(c -> c < 0x20 && c != '\n' || c == 0x7f || c >= 0x80 && c < 0xa0))
                    .as(format.name()).isEmpty();
        }
        assertThat(ReportFormat.TEXT.render(hostile)).contains("Evil\\x1b]0;owned");
        // JSON escapes them the JSON way: a reader gets the name back as it was
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ReportFormat.JSON.render(hostile));
        assertThat(json.get("breakdowns").get("tls.issuer_org").get(0).get("name").asText()).isEqualTo(HOSTILE);
    }
}
