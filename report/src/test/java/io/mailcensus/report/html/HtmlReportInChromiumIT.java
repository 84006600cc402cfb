package io.mailcensus.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailcensus.report.format.HtmlFormatter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Looks at the HTML report as a reader would: Debian's headless chromium opens the page of two
 * scans from target/, and the test checks that every chart is drawn with a real size, that the
 * page logged no console error and fetched nothing but itself, and keeps a full-page screenshot
 * (target/report-screenshot.png) for a human to review.
 */
class HtmlReportInChromiumIT {

    private static final Path TARGET = Path.of("target");
    private static final Path PAGE = TARGET.resolve("report-two-scans.html");
    private static final Path SCREENSHOT = TARGET.resolve("report-screenshot.png");
    private static final int WIDTH = 1280;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Measures every chart and its marks in the rendered page; returns JSON. */
    private static final String MEASURE = """
            JSON.stringify([...document.querySelectorAll('svg.chart')].map(svg => {
              const box = svg.getBoundingClientRect();
              const widths = sel => [...svg.querySelectorAll(sel)].map(e => e.getBBox().width);
              return { id: svg.id, width: box.width, height: box.height,
                       title: svg.querySelector('title')?.textContent ?? '',
                       bars: widths('rect.fill'), lines: widths('polyline.trend'),
                       points: svg.querySelectorAll('circle.point').length };
            }))""";

    @TempDir
    static Path profile;

    private static List<JsonNode> charts;
    private static List<JsonNode> events;
    private static String pageUrl;

    @BeforeAll
    static void openTheReport() throws Exception {
        Files.createDirectories(TARGET);
        Files.writeString(PAGE, new HtmlFormatter().render(TwoScans.newer(), TwoScans.history()));
        pageUrl = PAGE.toUri().toString();

        try (var chromium = HeadlessChromium.start(profile, TARGET.resolve("chromium.log"))) {
            chromium.call("Runtime.enable");
            chromium.call("Log.enable");
            chromium.call("Network.enable");
            chromium.call("Page.enable");
            chromium.call("Emulation.setDeviceMetricsOverride",
                    Map.of("width", WIDTH, "height", 2400, "deviceScaleFactor", 1, "mobile", false));
            var loaded = chromium.next("Page.loadEventFired");
            chromium.call("Page.navigate", Map.of("url", pageUrl));
            HeadlessChromium.await(loaded);

            JsonNode measured = chromium.call("Runtime.evaluate", Map.of("expression", MEASURE, "returnByValue", true));
            charts = new ArrayList<>();
            JSON.readTree(measured.path("result").path("value").asText("[]")).forEach(charts::add);

            // the whole page, however long, at the reader's width
            JsonNode layout = chromium.call("Page.getLayoutMetrics");
            int height = (int) Math.ceil(layout.path("cssContentSize").path("height").asDouble(2400));
            chromium.call("Emulation.setDeviceMetricsOverride",
                    Map.of("width", WIDTH, "height", height, "deviceScaleFactor", 1, "mobile", false));
            JsonNode shot = chromium.call("Page.captureScreenshot", Map.of("format", "png"));
            Files.write(SCREENSHOT, Base64.getDecoder().decode(shot.get("data").asText()));
            events = chromium.events();
        }
    }

    @AfterAll
    static void pointAtTheScreenshot() {
        System.out.println("HTML report: " + PAGE.toAbsolutePath() + ", screenshot: " + SCREENSHOT.toAbsolutePath());
    }

    @Test
    void everySectionAndBreakdownHasADrawnChart() {
        assertThat(charts).extracting(chart -> chart.get("id").asText()).containsExactly(
                "chart-trend", "chart-overview", "chart-dnssec_ns", "chart-ns-provider", "chart-ns-brand", "chart-mx",
                "chart-mx-provider", "chart-mx-brand", "chart-starttls", "chart-smtp-software", "chart-tls-issuer_org",
                "chart-tls-issuer_brand", "chart-spf_dkim_dmarc", "chart-dane",
                "chart-mta_sts_tls_rpt", "chart-bimi");
        for (JsonNode chart : charts) {
            assertThat(chart.get("width").asDouble()).as(chart.get("id").asText()).isGreaterThan(300);
            assertThat(chart.get("height").asDouble()).as(chart.get("id").asText()).isGreaterThan(50);
            assertThat(chart.get("title").asText()).as(chart.get("id").asText()).isNotBlank();
        }
    }

    @Test
    void barsHaveLengthsAndTheTrendHasALinePerHeadlineMetric() {
        for (JsonNode chart : charts) {
            if (chart.get("id").asText().equals("chart-trend")) {
                assertThat(chart.get("lines")).hasSize(Headline.METRICS.size());
                chart.get("lines").forEach(width -> assertThat(width.asDouble()).isGreaterThan(100));
                assertThat(chart.get("points").asInt()).isEqualTo(2 * Headline.METRICS.size());
            } else {
                assertThat(chart.get("bars")).as(chart.get("id").asText()).isNotEmpty();
                chart.get("bars").forEach(width -> assertThat(width.asDouble()).isGreaterThan(0));
            }
        }
    }

    @Test
    void thePageLogsNoConsoleErrorAndThrowsNothing() {
        List<String> problems = new ArrayList<>();
        for (JsonNode event : events) {
            String method = event.path("method").asText();
            JsonNode params = event.path("params");
            if (method.equals("Runtime.exceptionThrown")) {
                problems.add(params.path("exceptionDetails").toString());
            } else if (method.equals("Runtime.consoleAPICalled")
                    && List.of("error", "warning", "assert").contains(params.path("type").asText())) {
                problems.add(params.toString());
            } else if (method.equals("Log.entryAdded")
                    && List.of("error", "warning").contains(params.path("entry").path("level").asText())) {
                problems.add(params.path("entry").toString());
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void thePageFetchesNothingButItself() {
        List<String> requests = events.stream()
                .filter(event -> event.path("method").asText().equals("Network.requestWillBeSent"))
                .map(event -> event.path("params").path("request").path("url").asText())
                .toList();
        assertThat(requests).containsExactly(pageUrl);
    }

    @Test
    void theScreenshotIsKeptForReview() throws Exception {
        byte[] png = Files.readAllBytes(SCREENSHOT);
        assertThat(png.length).isGreaterThan(10_000);
        assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }
}
