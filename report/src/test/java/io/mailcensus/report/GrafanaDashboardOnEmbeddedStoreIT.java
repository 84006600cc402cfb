package io.mailcensus.report;

import static io.mailcensus.report.ResultFixtures.T0;
import static io.mailcensus.report.ResultFixtures.domain;
import static io.mailcensus.report.ResultFixtures.host;
import static io.mailcensus.report.ResultFixtures.mx;
import static io.mailcensus.report.ResultFixtures.server;
import static io.mailcensus.report.ResultFixtures.spf;
import static io.mailcensus.report.ResultFixtures.tlsServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailcensus.core.port.ScanRecord;
import io.mailcensus.report.html.GrafanaDashboard;
import io.mailcensus.report.html.Headline;
import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.DnssecStatus;
import io.mailcensus.schemas.SmtpSoftware;
import io.mailcensus.schemas.SpfAll;
import io.mailcensus.store.ChdbStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboard's SQL (deploy/grafana) on the real engine: for two scans, its headline
 * shares per scan are exactly the report's, so the dashboard and `mailcensus report` never
 * disagree. The Grafana time-filter macro is replaced by "true".
 */
class GrafanaDashboardOnEmbeddedStoreIT {

    private static final String OLD = "g-0";
    private static final String NEW = "g-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    private static ChdbStore store;
    private static List<JsonNode> rows;

    @BeforeAll
    static void load() throws Exception {
        store = ChdbStore.open(dataDir);
        store.migrate();
        // the old scan has a row in scans; the new one only results (the dashboard falls back on them)
        store.upsertScan(new ScanRecord(OLD, T0.minusSeconds(86_400), T0.minusSeconds(80_000), "finished",
                "old.txt", 2, 2, 0, T0.minusSeconds(80_000)));
        store.insertDomainResults(List.of(
                domain(OLD, "b.ch", b -> {
                    b.setStartedAt(T0.minusSeconds(86_400));
                    mx(b, host("mx.b.ch", "192.0.2.3"));
                    spf(b, SpfAll.pass, "v=spf1 +all");
                }),
                domain(OLD, "z.ch", b -> b.setStartedAt(T0.minusSeconds(86_400)))));
        store.insertDomainResults(List.of(
                domain(NEW, "a.ch", b -> {
                    b.getDnssecBuilder().setSigned(CheckStatus.present).setValidation(DnssecStatus.secure);
                    mx(b, host("mx1.a.ch", "192.0.2.1"), host("MX2.a.ch.", "192.0.2.2"));
                    spf(b, SpfAll.fail, "v=spf1 -all");
                    b.getDmarcBuilder().setStatus(CheckStatus.present).setP("reject");
                    b.getMtaStsBuilder().setStatus(CheckStatus.present);
                }),
                domain(NEW, "b.ch", b -> {
                    mx(b, host("mx.b.ch", "192.0.2.3"));
                    spf(b, SpfAll.softfail, "v=spf1 ~all");
                }),
                domain(NEW, "c.ch", b -> b.getDnssecBuilder().setSigned(CheckStatus.present)),
                domain(NEW, "d.ch", b -> {
                    mx(b, host("."));
                    b.getMxBuilder().setNullMx(true);
                    b.getDmarcBuilder().setStatus(CheckStatus.present).setP("reject");
                }),
                domain(NEW, "e.ch", b -> mx(b, host("mx1.e.ch", "192.0.2.5"), host("mx2.e.ch", "192.0.2.6"))),
                domain(NEW, "f.ch", b -> {})));
        store.insertMailServerResults(List.of(
                tlsServer(NEW, "mx1.a.ch", "192.0.2.1", SmtpSoftware.postfix, "Let's Encrypt")
                        .setTlsaStatus(CheckStatus.present).build(),
                tlsServer(NEW, "mx2.a.ch", "192.0.2.2", SmtpSoftware.postfix, "Let's Encrypt").build(),
                server(NEW, "mx.b.ch", "192.0.2.3", SmtpSoftware.exim).build(),
                tlsServer(NEW, "mx1.e.ch", "192.0.2.5", SmtpSoftware.exim, "Let's Encrypt").build(),
                // another scan's probe of b.ch's host must not count in the new scan
                tlsServer(OLD, "mx.b.ch", "192.0.2.3", SmtpSoftware.exim, "Old CA")
                        .setTlsaStatus(CheckStatus.present).build()));

        String sql = GrafanaDashboard.load(GrafanaDashboard.DEFAULT).trendSql().replaceAll("\\$__timeFilter\\([^)]*\\)", "1 = 1");
        rows = new ArrayList<>();
        for (String line : store.query(sql, "JSONEachRow").split("\n")) {
            if (!line.isBlank()) {
                rows.add(JSON.readTree(line));
            }
        }
    }

    @AfterAll
    static void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void oneRowPerScanOldestFirst() {
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("time").asText()).startsWith("2026-11-27 10:00:00");
        // the new scan has no row in scans: its time is its first result's start
        assertThat(rows.get(1).get("time").asText()).startsWith("2026-11-28 10:00:00");
    }

    @Test
    void everyHeadlineShareIsTheReportsShare() {
        List<String> scans = List.of(OLD, NEW);
        var builder = new ReportBuilder(store);
        for (int i = 0; i < scans.size(); i++) {
            Report report = builder.build(scans.get(i));
            for (Headline headline : Headline.METRICS) {
                assertThat(rows.get(i).get(headline.label()).asDouble())
                        .as(scans.get(i) + " " + headline.key())
                        .isCloseTo(report.metrics().get(headline.key()).pct(), within(0.005));
            }
        }
    }

    @Test
    void theStarttlsPartitionPanelHasTheReportsFiveBucketsAddingUpToMx() throws Exception {
        String sql = GrafanaDashboard.load(GrafanaDashboard.DEFAULT).starttlsPartitionSql()
                .replaceAll("\\$__timeFilter\\([^)]*\\)", "1 = 1");
        var builder = new ReportBuilder(store);
        int seen = 0;
        for (String line : store.query(sql, "JSONEachRow").split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = JSON.readTree(line);
            Report report = builder.build(row.get("scan").asText());
            assertThat(row.get("all").asLong()).isEqualTo(report.metrics().get("starttls.all").count());
            assertThat(row.get("some").asLong()).isEqualTo(report.metrics().get("starttls.some").count());
            assertThat(row.get("none").asLong()).isEqualTo(report.metrics().get("starttls.none").count());
            assertThat(row.get("unreachable (unknown)").asLong())
                    .isEqualTo(report.metrics().get("starttls.unreachable").count());
            assertThat(row.get("no usable MX").asLong()).isEqualTo(report.metrics().get("starttls.no_usable_mx").count());
            assertThat(row.get("sum (= mx)").asLong()).isEqualTo(row.get("mx (base)").asLong())
                    .isEqualTo(report.bases().get(io.mailcensus.report.catalog.Base.MX));
            seen++;
        }
        assertThat(seen).isEqualTo(2);
    }

    @Test
    void theFixtureExercisesEveryHeadlineMetric() {
        // new scan: 6 domains, 4 with MX (a, b, d null MX, e)
        JsonNode now = rows.get(1);
        assertThat(now.get("MX").asDouble()).isEqualTo(66.67);
        assertThat(now.get("STARTTLS (all MX)").asDouble()).isEqualTo(25.0);
        assertThat(now.get("SPF").asDouble()).isEqualTo(50.0);
        assertThat(now.get("DMARC").asDouble()).isEqualTo(50.0);
        assertThat(now.get("DNSSEC signed").asDouble()).isEqualTo(33.33);
        assertThat(now.get("DANE").asDouble()).isEqualTo(25.0);
        assertThat(now.get("MTA-STS").asDouble()).isEqualTo(25.0);
    }
}
