package io.mailcensus.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailcensus.core.port.ScanRecord;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.store.json.JsonEachRowEncoder;
import io.mailcensus.store.schema.Tables;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChdbStoreIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private ChdbStore store;

    @BeforeEach
    void open() {
        store = ChdbStore.open(dir.resolve("store"));
        store.migrate();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aDomainResultWithEveryKindOfFieldComesBackEqual() throws Exception {
        DomainResult row = Fixtures.everyKindOfField("scan-1", "example.org");
        store.insertDomainResults(List.of(row));

        JsonNode stored = store.jsonRows("SELECT * FROM domain_results FINAL").getFirst();

        assertSameRow(stored, JsonEachRowEncoder.of(Tables.DOMAIN_RESULTS.schema()).encode(List.of(row)));
        assertThat(stored.get("spf_records").get(0).asText()).isEqualTo(Fixtures.AWKWARD);
        assertThat(stored.get("domain_unicode").asText()).isEqualTo("bücher-😀.example");
        assertThat(stored.get("spf_void_lookups").isNull()).isTrue();
        assertThat(stored.get("mx_hosts").get(1).get("fcrdns").isNull()).isTrue();
        assertThat(stored.get("bimi_status").asText()).isEqualTo("not_checked");
        Map<String, Object> times = store.rows("SELECT toUnixTimestamp64Milli(started_at) AS started,"
                + " toUnixTimestamp64Milli(finished_at) AS finished FROM domain_results").getFirst();
        assertThat(times).containsEntry("started", Fixtures.STARTED.toEpochMilli())
                .containsEntry("finished", Fixtures.STARTED.toEpochMilli() + 1234);
    }

    @Test
    void aMailServerResultComesBackEqual() throws Exception {
        MailServerResult row = Fixtures.mailServer("scan-1", "mx1.example.org", "192.0.2.1");
        store.insertMailServerResults(List.of(row));

        JsonNode stored = store.jsonRows("SELECT * FROM mail_server_results FINAL").getFirst();

        assertSameRow(stored, JsonEachRowEncoder.of(Tables.MAIL_SERVER_RESULTS.schema()).encode(List.of(row)));
        assertThat(store.query("SELECT toUnixTimestamp64Milli(chain[1].not_after) FROM mail_server_results",
                "TabSeparated").strip()).isEqualTo(String.valueOf(Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli()));
    }

    @Test
    void aRedeliveredResultCountsOnce() {
        DomainResult row = Fixtures.everyKindOfField("scan-1", "example.org");
        store.insertDomainResults(List.of(row));
        store.insertDomainResults(List.of(row));
        store.insertDomainResults(List.of(Fixtures.everyKindOfField("scan-2", "example.org")));

        assertThat(store.query("SELECT count() FROM domain_results FINAL", "TabSeparated").strip()).isEqualTo("2");
        assertThat(store.query("SELECT count() FROM domain_results FINAL WHERE scan_id = 'scan-1'", "CSV").strip())
                .isEqualTo("1");
    }

    @Test
    void theLaterMailServerProbeWinsForTheSameKey() {
        MailServerResult first = Fixtures.mailServer("scan-1", "mx1.example.org", "192.0.2.1");
        MailServerResult second = MailServerResult.newBuilder(first)
                .setProbedAt(first.getProbedAt().plusSeconds(60)).setConnectMs(7).build();
        store.insertMailServerResults(List.of(second));
        store.insertMailServerResults(List.of(first));

        assertThat(store.rows("SELECT connect_ms FROM mail_server_results FINAL"))
                .containsExactly(Map.of("connect_ms", 7));
    }

    @Test
    void aScanIsUpsertedByIdAndTheLatestUpdateWins() {
        Instant start = Instant.parse("2025-05-01T10:00:00Z");
        store.upsertScan(new ScanRecord("scan-1", start, null, "running", "zone.txt", 100, 10, 2, start));
        store.upsertScan(new ScanRecord("scan-1", start, start.plusSeconds(90), "finished", "zone.txt", 100, 100, 2,
                start.plusSeconds(90)));
        store.upsertScan(new ScanRecord("scan-2", start, null, "running", null, 5, 0, 0, start));

        List<Map<String, Object>> scans = store.rows(
                "SELECT id, state, finished, domains_done, source FROM scans FINAL ORDER BY id");

        assertThat(scans).hasSize(2);
        assertThat(scans.get(0)).containsEntry("state", "finished")
                .containsEntry("finished", "2025-05-01 10:01:30.000")
                .containsEntry("domains_done", 100);
        assertThat(scans.get(1)).containsEntry("state", "running").containsEntry("source", "");
        assertThat(scans.get(1).get("finished")).isNull();
    }

    @Test
    void aScanRowKeepsTheOptionsItMeasuredWithAndAnUnrecordedOneIsNull() {
        Instant start = Instant.parse("2025-05-01T10:00:00Z");
        store.upsertScan(new ScanRecord("with", start, null, "running", "f", 1, 0, 0, start,
                new io.mailcensus.core.port.ScanOptions("127.0.0.1:53", "validate", false, true, 12L,
                        "connections=1,per-minute=6", "connections=4,per-minute=120", "1.2.3")));
        store.upsertScan(new ScanRecord("without", start, null, "running", "f", 1, 0, 0, start));

        List<Map<String, Object>> rows = store.rows("SELECT id, options_resolver, options_smtp, options_http, "
                + "options_opt_out_entries, options_version FROM scans FINAL ORDER BY id");

        assertThat(rows.get(0)).containsEntry("options_resolver", "127.0.0.1:53").containsEntry("options_smtp", false)
                .containsEntry("options_http", true).containsEntry("options_opt_out_entries", 12)
                .containsEntry("options_version", "1.2.3");
        assertThat(rows.get(1).get("options_smtp")).isNull();
        assertThat(rows.get(1).get("options_resolver")).isNull();
    }

    @Test
    void badSqlIsOneClearLineAndTheStoreCarriesOn() {
        assertThatThrownBy(() -> store.query("SELEC count() FROM domain_results", "CSV"))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("Code: 62. DB::Exception: Syntax error")
                .hasMessageNotContaining("\n")
                .satisfies(e -> assertThat(((StoreException) e).engineCode()).isEqualTo(62));
        assertThatThrownBy(() -> store.query("SELECT nope FROM domain_results", "CSV"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("nope");
        assertThatThrownBy(() -> store.query("SELECT 1 FROM no_such_table", "CSV"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("no_such_table");

        assertThat(store.query("SELECT 41 + 1", "TabSeparated").strip()).isEqualTo("42");
    }

    @Test
    void queryReturnsTheEngineOutputInTheFormatAsked() {
        store.insertDomainResults(List.of(Fixtures.everyKindOfField("scan-1", "example.org")));
        String sql = "SELECT domain, mx_status, length(mx_hosts) AS hosts FROM domain_results FINAL";

        assertThat(store.query(sql, "CSV")).isEqualTo("\"example.org\",\"present\",2\n");
        assertThat(store.query(sql, "TabSeparatedWithNames")).isEqualTo("domain\tmx_status\thosts\nexample.org\tpresent\t2\n");
        assertThat(store.query(sql, "JSONEachRow")).isEqualTo("{\"domain\":\"example.org\",\"mx_status\":\"present\",\"hosts\":2}\n");
        assertThat(store.query(sql, "PrettyCompact")).contains("example.org").contains("present");
        assertThat(store.query(sql, "JSON")).contains("\"rows\": 1");
        assertThat(store.rows("SELECT count() AS n FROM domain_results")).containsExactly(Map.of("n", 1));
    }

    @Test
    void largeListsAreSplitIntoSeveralInserts() {
        List<DomainResult> rows = new ArrayList<>();
        for (int i = 0; i < ChdbStore.BATCH_ROWS * 2 + 123; i++) {
            rows.add(DomainResult.newBuilder(Fixtures.everyKindOfField("big", "d" + i + ".example")).build());
        }
        store.insertDomainResults(rows);

        assertThat(store.query("SELECT count(), uniqExact(domain) FROM domain_results FINAL", "CSV").strip())
                .isEqualTo((rows.size()) + "," + rows.size());
        assertThat(store.query("SELECT count() FROM system.parts WHERE active AND database = currentDatabase()"
                + " AND table = 'domain_results'", "CSV").strip()).isNotEqualTo("0");
    }

    @Test
    void aRowTheEngineRejectsFailsItsBatchOnlyAndTheStoreCarriesOn() {
        store.insertDomainResults(List.of(Fixtures.everyKindOfField("ok", "before.example")));
        DomainResult bad = Fixtures.everyKindOfField("bad", "x.example");
        bad.setDomain(null); // the encoder refuses before the engine sees anything

        assertThatThrownBy(() -> store.insertDomainResults(List.of(Fixtures.everyKindOfField("bad", "a.example"), bad)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("domain");
        store.insertDomainResults(List.of(Fixtures.everyKindOfField("ok", "after.example")));

        assertThat(store.query("SELECT groupArray(domain) FROM (SELECT domain FROM domain_results FINAL ORDER BY domain)",
                "TabSeparated").strip()).isEqualTo("['after.example','before.example']");
    }

    @Test
    void migrateIsIdempotent() {
        store.migrate();
        store.migrate();

        assertThat(store.query("SELECT name FROM system.tables WHERE database = 'mailcensus' AND engine != 'View'"
                + " ORDER BY name", "CSV")).isEqualTo("\"domain_results\"\n\"mail_server_results\"\n\"scans\"\n");
        assertThat(store.query("SELECT count() FROM system.tables WHERE database = 'mailcensus' AND engine = 'View'",
                "CSV")).isEqualTo("5\n");
    }

    @Test
    void migrateAddsColumnsThatAStoreFromAnOlderVersionLacks() {
        store.insertDomainResults(List.of(Fixtures.everyKindOfField("scan-old", "old.example")));
        store.query("ALTER TABLE domain_results DROP COLUMN bimi_records", "CSV");
        store.query("ALTER TABLE domain_results DROP COLUMN tls_rpt_invalid_reason", "CSV");

        store.migrate();

        assertThat(store.query("SELECT bimi_records, tls_rpt_invalid_reason FROM domain_results FINAL", "CSV").strip())
                .isEqualTo("\"[]\",\\N");
        store.insertDomainResults(List.of(Fixtures.everyKindOfField("scan-new", "new.example")));
        assertThat(store.query("SELECT count() FROM domain_results FINAL", "CSV").strip()).isEqualTo("2");
    }

    @Test
    void dataSurvivesClosingAndReopening() {
        store.insertDomainResults(List.of(Fixtures.everyKindOfField("scan-1", "example.org")));
        store.upsertScan(new ScanRecord("scan-1", Instant.EPOCH, null, "running", "f", 1, 0, 0, Instant.EPOCH));
        store.close();

        store = ChdbStore.open(dir.resolve("store"));

        assertThat(store.query("SELECT count() FROM domain_results FINAL", "CSV").strip()).isEqualTo("1");
        assertThat(store.query("SELECT id FROM scans FINAL", "CSV").strip()).isEqualTo("\"scan-1\"");
    }

    @Test
    void aSecondStoreInTheSameProcessIsRefusedClearly() {
        assertThatThrownBy(() -> ChdbStore.open(dir.resolve("store")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("already open in this process");
        assertThatThrownBy(() -> ChdbStore.open(dir.resolve("other")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("one data directory per process");

        assertThat(store.query("SELECT 1", "CSV").strip()).isEqualTo("1");
    }

    @Test
    void aClosedStoreSaysSo() {
        store.close();

        assertThatThrownBy(() -> store.query("SELECT 1", "CSV"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("closed");
        store = ChdbStore.open(dir.resolve("store")); // for @AfterEach
    }

    /** The engine row has every column; the encoded row leaves out nulls and empty arrays. */
    private static void assertSameRow(JsonNode stored, String encoded) throws Exception {
        JsonNode sent = JSON.readTree(encoded);
        for (Iterator<Map.Entry<String, JsonNode>> it = stored.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> column = it.next();
            JsonNode value = column.getValue();
            if (sent.has(column.getKey())) {
                assertThat(value).as(column.getKey()).isEqualTo(sent.get(column.getKey()));
            } else {
                assertThat(value.isNull() || value.isArray() && value.isEmpty()).as(column.getKey() + " = " + value).isTrue();
            }
        }
        sent.fieldNames().forEachRemaining(name -> assertThat(stored.has(name)).as(name).isTrue());
    }
}
