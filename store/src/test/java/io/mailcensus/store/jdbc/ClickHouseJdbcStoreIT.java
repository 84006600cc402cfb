package io.mailcensus.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailcensus.core.port.ScanRecord;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.store.ChdbStore;
import io.mailcensus.store.Fixtures;
import io.mailcensus.store.StoreException;
import io.mailcensus.store.http.ClickHouseHttpServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server path end to end without a server: clickhouse-jdbc 0.10.0 (compression on, as by
 * default) against {@link ClickHouseHttpServer} over a temporary embedded store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClickHouseJdbcStoreIT {

    @TempDir
    static Path dir;

    private ChdbStore embedded;
    private ClickHouseHttpServer server;
    private ClickHouseJdbcStore store;

    @BeforeAll
    void start() throws Exception {
        embedded = ChdbStore.open(dir.resolve("store"));
        server = ClickHouseHttpServer.startLocalWritable(embedded, 0);
        store = ClickHouseJdbcStore.connect("jdbc:clickhouse:http://127.0.0.1:" + server.port() + "/default", new Properties());
        store.migrate();
    }

    @AfterAll
    void stop() {
        if (store != null) {
            store.close();
        }
        if (server != null) {
            server.close();
        }
        if (embedded != null) {
            embedded.close();
        }
    }

    @Test
    void thousandsOfResultsWrittenThroughJdbcAreCountedThroughJdbcAndTheEngine() {
        List<DomainResult> domains = domains("scan-many", 5_000);
        List<MailServerResult> servers = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            servers.add(Fixtures.mailServer("scan-many", "mx" + i + ".example.org", "192.0.2." + (i % 250)));
        }

        store.insertDomainResults(domains);
        store.insertMailServerResults(servers);

        String sql = "SELECT count() FROM domain_results FINAL WHERE scan_id = 'scan-many'";
        assertThat(store.query(sql, "TabSeparated").strip()).isEqualTo("5000");
        assertThat(embedded.query(sql, "TabSeparated").strip()).isEqualTo("5000");
        assertThat(store.query("SELECT count() FROM mail_server_results FINAL WHERE scan_id = 'scan-many'",
                "TabSeparated").strip()).isEqualTo("1000");
    }

    /** Not an assertion (no wall-clock checks): prints rows/s through JDBC and directly, for the record. */
    @Test
    void insertThroughputIsPrintedForTheRecord() {
        store.insertDomainResults(domains("scan-warmup", 2_000));
        embedded.insertDomainResults(domains("scan-warmup-direct", 2_000));
        for (int round = 0; round < 2; round++) {
            List<DomainResult> viaJdbc = domains("scan-speed-jdbc-" + round, 20_000);
            long started = System.nanoTime();
            store.insertDomainResults(viaJdbc);
            double jdbcSeconds = (System.nanoTime() - started) / 1e9;
            List<DomainResult> direct = domains("scan-speed-direct-" + round, 20_000);
            started = System.nanoTime();
            embedded.insertDomainResults(direct);
            double directSeconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("insert of 20000 domain results: JDBC over HTTP %.0f rows/s, embedded directly %.0f rows/s%n",
                    20_000 / jdbcSeconds, 20_000 / directSeconds);
        }
        assertThat(embedded.query("SELECT count() FROM domain_results FINAL WHERE scan_id LIKE 'scan-speed-%'",
                "TabSeparated").strip()).isEqualTo("80000");
    }

    @Test
    void aBatchInsertedTwiceCountsOnceUnderFinal() {
        List<DomainResult> domains = domains("scan-twice", 2_000);
        store.insertDomainResults(domains);
        store.insertDomainResults(domains);

        assertThat(store.query("SELECT count() FROM domain_results FINAL WHERE scan_id = 'scan-twice'", "TabSeparated")
                .strip()).isEqualTo("2000");
        assertThat(embedded.query("SELECT count() FROM domain_results WHERE scan_id = 'scan-twice'", "TabSeparated")
                .strip()).isEqualTo("4000");
    }

    @Test
    void rowsComeBackEqualToWhatTheEngineStored() {
        store.insertDomainResults(List.of(Fixtures.everyKindOfField("scan-equal", "example.org")));

        String sql = "SELECT * FROM domain_results FINAL WHERE scan_id = 'scan-equal'";
        assertThat(store.query(sql, "JSONEachRow")).isEqualTo(embedded.query(sql, "JSONEachRow"));
        assertThat(store.query(sql, "JSONEachRow")).contains(Fixtures.AWKWARD.substring(0, 20).replace("\"", "\\\""));
    }

    @Test
    void aScanRowIsUpsertedByItsId() {
        Instant t = Instant.parse("2026-01-02T03:04:05Z");
        store.upsertScan(new ScanRecord("scan-up", t, null, "running", "list.txt", 10, 1, 0, t));
        store.upsertScan(new ScanRecord("scan-up", t, t.plusSeconds(9), "finished", "list.txt", 10, 10, 0, t.plusSeconds(9)));

        assertThat(store.query("SELECT state, domains_done FROM scans FINAL WHERE id = 'scan-up'", "TabSeparated"))
                .isEqualTo("finished\t10\n");
    }

    @Test
    void theJdbcConnectionReadsRowBinaryAnswers() throws Exception {
        try (var connection = java.sql.DriverManager.getConnection(
                "jdbc:clickhouse:http://127.0.0.1:" + server.port() + "/default");
                var statement = connection.prepareStatement("SELECT number, toString(number) AS s FROM numbers(?)")) {
            statement.setInt(1, 3);
            var rows = statement.executeQuery();
            List<String> seen = new ArrayList<>();
            while (rows.next()) {
                seen.add(rows.getLong(1) + "=" + rows.getString("s"));
            }
            assertThat(seen).containsExactly("0=0", "1=1", "2=2");
        }
    }

    @Test
    void anEngineErrorArrivesWithItsClickHouseCode() {
        assertThatThrownBy(() -> store.query("SELECT no_such_column FROM domain_results", "TabSeparated"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("Code: 47.");
    }

    private static List<DomainResult> domains(String scan, int n) {
        List<DomainResult> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(Fixtures.everyKindOfField(scan, "d" + i + ".example.org"));
        }
        return rows;
    }
}
