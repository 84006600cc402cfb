package io.mailcensus.report;

import static io.mailcensus.report.ResultFixtures.domain;
import static io.mailcensus.report.ResultFixtures.host;
import static io.mailcensus.report.ResultFixtures.mx;
import static io.mailcensus.report.ResultFixtures.server;
import static io.mailcensus.report.ResultFixtures.tlsServer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailcensus.report.catalog.Section;
import io.mailcensus.report.format.ReportFormat;
import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.ConnectStatus;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.schemas.SecurityTxtStatus;
import io.mailcensus.schemas.SmtpSoftware;
import io.mailcensus.schemas.StarttlsStatus;
import io.mailcensus.schemas.TlsStatus;
import io.mailcensus.store.ChdbStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coverage on the real engine: a scan whose mail servers answered 421, stalled, reset, failed the
 * handshake or said 454 (none of them said "no STARTTLS"), and a scan run without SMTP and HTTPS
 * probes. What could not be asked is unknown, never "no".
 */
class CoverageOnEmbeddedStoreIT {

    private static final String HOSTILE = "hostile";
    private static final String DNS_ONLY = "dns-only";
    private static final List<String> STARTTLS_BUCKETS = List.of(
            "starttls.all", "starttls.some", "starttls.none", "starttls.unreachable", "starttls.no_usable_mx");
    /** What needs an SMTP or HTTPS probe (report.md): not measured in a scan without them. */
    private static final List<String> PROBE_METRICS = List.of(
            "starttls.all", "starttls.some", "starttls.none", "smtp.software.exim", "smtp.software.postfix",
            "smtp.software.exchange", "smtp.software.sendmail", "smtp.software.other", "smtp.software.hidden",
            "dane.present", "dane.all", "dane.valid", "mta_sts.policy_valid", "mta_sts.enforce", "mta_sts.effective",
            "security_txt.valid", "security_txt.present", "m365.tenant");

    @TempDir
    static Path dataDir;

    private static ChdbStore store;
    private static Report hostile;
    private static Report dnsOnly;

    @BeforeAll
    static void loadResults() {
        store = ChdbStore.open(dataDir);
        store.migrate();
        var domains = new ArrayList<DomainResult>();
        var servers = new ArrayList<MailServerResult>();
        hostileServer(domains, servers, "greeting421.ch", s -> s.setGreeting("421 4.7.0 too busy, try later")
                .setStarttls(StarttlsStatus.not_checked).setError("REJECTED at GREETING: 421 4.7.0 too busy"));
        hostileServer(domains, servers, "stall.ch", s -> s.setStarttls(StarttlsStatus.not_checked)
                .setError("TIMEOUT at EHLO: no complete reply within 30000 ms"));
        hostileServer(domains, servers, "reset.ch", s -> s.setStarttls(StarttlsStatus.not_checked)
                .setError("CLOSED at EHLO: server closed the connection"));
        hostileServer(domains, servers, "oversized.ch", s -> s.setStarttls(StarttlsStatus.not_checked)
                .setError("LINE_TOO_LONG at EHLO: reply line over 2048 bytes"));
        hostileServer(domains, servers, "handshake.ch", s -> s.setStarttls(StarttlsStatus.accepted)
                .setTls(TlsStatus.failed).setError("TLS_FAILED at TLS_HANDSHAKE: SSLHandshakeException"));
        hostileServer(domains, servers, "temporary.ch", s -> s.setStarttls(StarttlsStatus.error)
                .setError("REJECTED at STARTTLS: 454 4.7.0 TLS not available"));
        hostileServer(domains, servers, "refused.ch", s -> s.setConnect(ConnectStatus.refused)
                .setStarttls(StarttlsStatus.not_checked).setGreeting(null).setSoftware(SmtpSoftware.unknown));
        hostileServer(domains, servers, "optedout.ch", s -> s.setConnect(ConnectStatus.opted_out)
                .setStarttls(StarttlsStatus.not_checked).setGreeting(null).setSoftware(SmtpSoftware.unknown));
        domains.add(domain(HOSTILE, "neverprobed.ch", b -> mx(b, host("mx.neverprobed.ch", "192.0.2.99"))));
        // one server said no (EHLO without STARTTLS), one did TLS, and a null MX
        hostileServer(domains, servers, "plain.ch", s -> { });
        domains.add(domain(HOSTILE, "tls.ch", b -> mx(b, host("mx.tls.ch", "192.0.2.50"))));
        servers.add(tlsServer(HOSTILE, "mx.tls.ch", "192.0.2.50", SmtpSoftware.postfix, "Test CA").build());
        domains.add(domain(HOSTILE, "nullmx.ch", b -> {
            mx(b, host("."));
            b.getMxBuilder().setNullMx(true);
        }));
        store.insertDomainResults(domains);
        store.insertMailServerResults(servers);
        hostile = new ReportBuilder(store).build(HOSTILE);

        store.insertDomainResults(dnsOnlyScan());
        java.time.Instant t0 = ResultFixtures.T0;
        store.upsertScan(new io.mailcensus.core.port.ScanRecord(HOSTILE, t0, t0.plusSeconds(60), "finished", "f", 12, 12,
                0, t0.plusSeconds(60), new io.mailcensus.core.port.ScanOptions("127.0.0.1:53", "validate", true, true,
                        3L, "connections=1", "connections=4", "dev")));
        store.upsertScan(new io.mailcensus.core.port.ScanRecord(DNS_ONLY, t0, t0.plusSeconds(60), "finished", "f", 4, 4,
                0, t0.plusSeconds(60), new io.mailcensus.core.port.ScanOptions("127.0.0.1:53", "validate", false, false,
                        3L, "connections=1", "connections=4", "dev")));
        dnsOnly = new ReportBuilder(store).build(DNS_ONLY);
    }

    private static void hostileServer(List<DomainResult> domains, List<MailServerResult> servers, String name,
            Consumer<MailServerResult.Builder> edit) {
        String mxHost = "mx." + name;
        String ip = "192.0.2." + (domains.size() + 1);
        domains.add(domain(HOSTILE, name, b -> mx(b, host(mxHost, ip))));
        MailServerResult.Builder server = server(HOSTILE, mxHost, ip, SmtpSoftware.hidden).setGreeting("220 " + mxHost);
        edit.accept(server);
        servers.add(server.build());
    }

    /** --no-smtp --no-http: no mail server rows, every HTTPS check not_checked. */
    private static List<DomainResult> dnsOnlyScan() {
        Consumer<DomainResult.Builder> noHttp = b -> {
            b.getSecurityTxtBuilder().setStatus(SecurityTxtStatus.not_checked);
            b.getM365Builder().setStatus(CheckStatus.not_checked).setEvidence(List.of("autodiscover CNAME"));
        };
        return List.of(
                domain(DNS_ONLY, "a.ch", b -> {
                    noHttp.accept(b);
                    mx(b, host("mx.a.ch", "192.0.2.1"));
                    b.getMtaStsBuilder().setStatus(CheckStatus.present).setPolicyStatus(CheckStatus.not_checked);
                }),
                domain(DNS_ONLY, "b.ch", b -> {
                    noHttp.accept(b);
                    mx(b, host("mx1.b.ch", "192.0.2.2"), host("mx2.b.ch", "192.0.2.3"));
                }),
                domain(DNS_ONLY, "c.ch", b -> {
                    noHttp.accept(b);
                    mx(b, host("."));
                    b.getMxBuilder().setNullMx(true);
                }),
                domain(DNS_ONLY, "d.ch", noHttp));
    }

    @AfterAll
    static void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void serversThatCouldNotBeAskedAreUnreachableNeverNone() {
        assertThat(count(hostile, "starttls.none")).isEqualTo(1); // plain.ch alone said it has no STARTTLS
        assertThat(count(hostile, "starttls.all")).isEqualTo(1);
        assertThat(count(hostile, "starttls.some")).isZero();
        assertThat(count(hostile, "starttls.unreachable")).isEqualTo(9);
        assertThat(count(hostile, "starttls.no_usable_mx")).isEqualTo(1);
    }

    @Test
    void theFiveStarttlsBucketsSumToTheMxBase() {
        for (Report report : List.of(hostile, dnsOnly)) {
            long sum = STARTTLS_BUCKETS.stream().mapToLong(key -> count(report, key)).sum();
            assertThat(sum).as(report.scan().id()).isEqualTo(report.bases().get(io.mailcensus.report.catalog.Base.MX));
        }
    }

    @Test
    void theUnreachedAreCountedAsUnknownWithTheirReasons() {
        Metric all = hostile.metrics().get("starttls.all");
        assertThat(all.unknown()).isEqualTo(9);
        assertThat(all.coverage()).isEqualTo(Coverage.PARTIAL);
        assertThat(all.pct()).isEqualTo(Percent.of(1, 12));
        assertThat(hostile.metrics().get("starttls.unreachable").coverage()).isEqualTo(Coverage.MEASURED);
        // one reason per domain, in the SQL's order; the oversized reply is an 'error'
        assertThat(hostile.unreached(Section.STARTTLS).reasons()).containsExactly(
                Map.entry("opted_out", 1L), Map.entry("refused", 1L), Map.entry("timeout", 1L),
                Map.entry("rejected", 2L), Map.entry("reset", 1L), Map.entry("tls_failed", 1L),
                Map.entry("error", 1L), Map.entry("not_probed", 1L));
        assertThat(hostile.unreached(Section.STARTTLS).notReached()).isEqualTo(9);
        // software comes from the greeting: unknown for the refused, the opted-out and the never probed
        assertThat(hostile.metrics().get("smtp.software.hidden").unknown()).isEqualTo(3);
    }

    @Test
    void withoutSmtpAndHttpEveryProbeMetricIsNotMeasured() {
        for (String key : PROBE_METRICS) {
            Metric metric = dnsOnly.metrics().get(key);
            assertThat(metric.coverage()).as(key).isEqualTo(Coverage.NOT_MEASURED);
            assertThat(metric.pct()).as(key).isNull();
            assertThat(metric.unknown()).as(key).isEqualTo(metric.baseCount());
        }
        assertThat(dnsOnly.metrics().get("spf.present").coverage()).isEqualTo(Coverage.MEASURED);
        assertThat(dnsOnly.metrics().get("mta_sts.record").coverage()).isEqualTo(Coverage.MEASURED);
        assertThat(count(dnsOnly, "starttls.unreachable")).isEqualTo(2);
        assertThat(count(dnsOnly, "starttls.no_usable_mx")).isEqualTo(1);
        assertThat(dnsOnly.unreached(Section.STARTTLS).reasons()).containsExactlyEntriesOf(Map.of("option", 2L));
    }

    @Test
    void everyFormatSaysNotMeasuredAndNeverZeroPercent() throws Exception {
        JsonNode json = new ObjectMapper().readTree(ReportFormat.JSON.render(dnsOnly));
        for (String key : PROBE_METRICS) {
            JsonNode metric = json.get("metrics").get(key);
            assertThat(metric.get("status").asText()).as(key).isEqualTo("not_measured");
            assertThat(metric.get("pct").isNull()).as(key).isTrue();
            assertThat(metric.get("unknown").asLong()).as(key).isEqualTo(metric.get("base_count").asLong());
        }
        assertThat(json.get("metrics").get("spf.present").get("status").asText()).isEqualTo("measured");
        assertThat(json.get("coverage").get("starttls").get("reasons").get("option").asLong()).isEqualTo(2);

        String text = ReportFormat.TEXT.render(dnsOnly);
        String md = ReportFormat.MD.render(dnsOnly);
        String html = ReportFormat.HTML.render(dnsOnly);
        for (String key : List.of("starttls.all", "dane.valid", "security_txt.valid", "mta_sts.policy_valid")) {
            assertThat(lineOf(text, key)).as(key).contains("not measured").doesNotContain("0.00");
            assertThat(lineOf(md, "`" + key + "`")).as(key).contains("not measured").doesNotContain("0.00");
            assertThat(lineOf(html, "<code>" + key + "</code>")).as(key).contains("not measured")
                    .doesNotContain("0.00");
        }
        assertThat(text).contains("2 of mx (3) not reached: 2 option");
        assertThat(md).contains("2 of mx (3) not reached: 2 option.");
        assertThat(html).contains("class=\"card not-measured\"").doesNotContain("STARTTLS (all MX)</div><div class=\"pct\">0.00%");
    }

    /**
     * The same page in headless Chromium, as a reader sees it: the STARTTLS and DANE headline
     * cards read "not measured", the not-measured metrics are listed above their charts and no
     * bar is drawn for them. The screenshot is kept in target/ for a human to review.
     */
    @Test
    void theHtmlPageInChromiumShowsNotMeasuredNeverZero(@TempDir Path profile) throws Exception {
        Path target = Path.of("target");
        java.nio.file.Files.createDirectories(target);
        Path page = target.resolve("report-not-measured.html");
        Path screenshot = target.resolve("report-not-measured.png");
        java.nio.file.Files.writeString(page, ReportFormat.HTML.render(dnsOnly));
        String script = """
                JSON.stringify({
                  cards: [...document.querySelectorAll('.card')].map(c => ({
                    name: c.querySelector('.name').innerText, pct: c.querySelector('.pct').innerText,
                    visible: c.getBoundingClientRect().width > 50 })),
                  notMeasured: [...document.querySelectorAll('p.note.not-measured')].map(p => p.innerText),
                  bars: [...document.querySelectorAll('svg.chart')].flatMap(svg =>
                      [...svg.querySelectorAll('text')].map(t => t.textContent))
                })""";
        JsonNode seen;
        try (var chromium = io.mailcensus.report.html.HeadlessChromium.start(profile, target.resolve("chromium-not-measured.log"))) {
            chromium.call("Page.enable");
            chromium.call("Runtime.enable");
            chromium.call("Emulation.setDeviceMetricsOverride",
                    Map.of("width", 1280, "height", 2400, "deviceScaleFactor", 1, "mobile", false));
            var loaded = chromium.next("Page.loadEventFired");
            chromium.call("Page.navigate", Map.of("url", page.toUri().toString()));
            io.mailcensus.report.html.HeadlessChromium.await(loaded);
            JsonNode result = chromium.call("Runtime.evaluate", Map.of("expression", script, "returnByValue", true));
            seen = new ObjectMapper().readTree(result.path("result").path("value").asText("{}"));
            JsonNode shot = chromium.call("Page.captureScreenshot", Map.of("format", "png"));
            java.nio.file.Files.write(screenshot, java.util.Base64.getDecoder().decode(shot.get("data").asText()));
        }
        var cards = new java.util.LinkedHashMap<String, String>();
        seen.get("cards").forEach(card -> {
            assertThat(card.get("visible").asBoolean()).isTrue();
            cards.put(card.get("name").asText(), card.get("pct").asText());
        });
        assertThat(cards).containsEntry("STARTTLS (all MX)", "not measured").containsEntry("DANE", "not measured");
        assertThat(cards.get("SPF")).endsWith("%");
        assertThat(seen.get("notMeasured").toString()).contains("STARTTLS on all MX hosts", "security.txt valid",
                "MTA-STS policy valid", "DANE valid on every MX host");
        seen.get("bars").forEach(text -> assertThat(text.asText()).doesNotContain("STARTTLS on all MX hosts"));
        assertThat(java.nio.file.Files.size(screenshot)).isGreaterThan(10_000);
        System.out.println("not-measured HTML report: " + page.toAbsolutePath() + ", screenshot: " + screenshot.toAbsolutePath());
    }

    @Test
    void theScanOptionsAreInTheRecordAndTheHeaderAndACompareWarnsWhenTheyDiffer() throws Exception {
        assertThat(dnsOnly.scan().options().smtp()).isFalse();
        assertThat(ReportFormat.TEXT.render(dnsOnly)).contains(
                "options   resolver 127.0.0.1:53, DNSSEC validate, SMTP off, HTTPS off, opt-out 3 entries, mailcensus dev");
        JsonNode scan = new ObjectMapper().readTree(ReportFormat.JSON.render(dnsOnly)).get("scan");
        assertThat(scan.get("smtp").asBoolean(true)).isFalse();
        assertThat(scan.get("resolver").asText()).isEqualTo("127.0.0.1:53");

        Report compared = new ReportBuilder(store).build(DNS_ONLY).comparedTo(new ReportBuilder(store).build(HOSTILE));
        assertThat(compared.compare().warnings()).containsExactly(
                "scans differ in size by more than 10%: dns-only has 4 domains, hostile 12",
                "options differ: SMTP probes off vs on", "options differ: HTTPS probes off vs on");
        assertThat(ReportFormat.TEXT.render(compared)).contains("warning   options differ: SMTP probes off vs on");
        assertThat(ReportFormat.HTML.render(compared)).contains("<p class=\"warning\">Not comparable as it stands: "
                + "options differ: SMTP probes off vs on</p>");
        assertThat(new ObjectMapper().readTree(ReportFormat.JSON.render(compared)).get("compare").get("warnings"))
                .hasSize(3);
    }

    private static String lineOf(String text, String needle) {
        return text.lines().filter(line -> line.contains(needle)).findFirst().orElseThrow(() -> new AssertionError(needle));
    }

    private static long count(Report report, String key) {
        return report.metrics().get(key).count();
    }
}
