package io.mailcensus.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.schemas.NsCheck;
import io.mailcensus.schemas.SpfAll;
import io.mailcensus.schemas.StarttlsStatus;
import io.mailcensus.store.schema.Tables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SQL a researcher starts from, on a real embedded store holding two finished scans and one
 * still running: the views pick the latest finished scan, the per-domain-per-MX view makes "no
 * STARTTLS" one WHERE, every column explains itself, and every query of examples/queries.sql runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResearchSqlIT {

    @TempDir
    static Path dir;

    private ChdbStore store;

    @BeforeAll
    void fill() {
        store = ChdbStore.open(dir.resolve("store"));
        store.migrate();
        store.migrate(); // twice: views and comments are re-applied without error
        scan("w1", "2025-01-06", "finished", "reject");
        scan("w2", "2025-01-13", "finished", "none");
        scan("w3", "2025-01-20", "running", "reject");
    }

    @AfterAll
    void close() {
        store.close();
    }

    /** Three domains per scan; a.example's DMARC policy is {@code aPolicy}, b.example has SPF +all. */
    private void scan(String id, String day, String state, String aPolicy) {
        List<DomainResult> domains = new ArrayList<>();
        for (String name : List.of("a.example", "b.example", "c.example")) {
            DomainResult.Builder row = DomainResult.newBuilder(Fixtures.everyKindOfField(id, name))
                    .setNs(NsCheck.newBuilder().setStatus(CheckStatus.present).setHosts(List.of("ns1.dns-op.example"))
                            .setProviders(List.of("dns-op.example")).build());
            if (name.equals("a.example")) {
                row.getDmarcBuilder().setP(aPolicy).setRecords(List.of("v=DMARC1; p=" + aPolicy));
            }
            if (name.equals("b.example")) {
                row.getSpfBuilder().setAll(SpfAll.pass).setStatus(CheckStatus.present);
            }
            domains.add(row.build());
        }
        store.insertDomainResults(domains);
        List<MailServerResult> servers = new ArrayList<>();
        for (String name : List.of("a.example", "b.example", "c.example")) {
            for (String ip : List.of("192.0.2.1", "192.0.2.2", "2001:db8::1")) {
                MailServerResult.Builder server = MailServerResult.newBuilder(Fixtures.mailServer(id, "mx1." + name, ip));
                if (name.equals("c.example") && ip.equals("192.0.2.2")) {
                    server.setStarttls(StarttlsStatus.not_offered);
                }
                servers.add(server.build());
            }
        }
        store.insertMailServerResults(servers);
        store.query("INSERT INTO scans (id, started, finished, state, source, domains_total, domains_done, rejected, updated)"
                + " VALUES ('" + id + "', '" + day + " 00:00:00', " + (state.equals("finished") ? "'" + day + " 06:00:00'" : "NULL")
                + ", '" + state + "', 'test', 3, 3, 0, '" + day + " 06:00:00')", "TabSeparated");
    }

    @Test
    void describeDomainResultsExplainsEveryColumn() {
        for (String table : List.of(Tables.DOMAIN_RESULTS.name(), Tables.MAIL_SERVER_RESULTS.name())) {
            List<Map<String, Object>> columns = store.rows("SELECT name, comment FROM system.columns"
                    + " WHERE database = currentDatabase() AND table = '" + table + "'");

            assertThat(columns).hasSize((table.equals("domain_results") ? Tables.DOMAIN_RESULTS : Tables.MAIL_SERVER_RESULTS)
                    .columns().size());
            assertThat(columns).allSatisfy(c -> assertThat((String) c.get("comment")).as(table + "." + c.get("name")).isNotBlank());
        }
        String describe = store.query("DESCRIBE domain_results", "TabSeparatedRaw");
        assertThat(describe).contains("dnssec_signed\tLowCardinality(String)", "values: present, absent, invalid, error, not_checked");
    }

    @Test
    void latestDomainResultsIsTheLatestFinishedScanNotTheRunningOne() {
        assertThat(store.query("SELECT DISTINCT scan_id FROM latest_domain_results", "TabSeparatedRaw")).isEqualTo("w2\n");
        assertThat(store.query("SELECT count() FROM latest_domain_results", "TabSeparatedRaw")).isEqualTo("3\n");
        assertThat(store.query("SELECT DISTINCT scan_id FROM latest_mail_server_results", "TabSeparatedRaw")).isEqualTo("w2\n");
    }

    @Test
    void domainsWhoseMxHasNoStarttlsAreOneWhere() {
        assertThat(store.query("SELECT DISTINCT domain FROM latest_domain_mail_servers WHERE starttls = 'not_offered'",
                "TabSeparatedRaw")).isEqualTo("c.example\n");
        // every (domain, MX host, address) is a row; the second MX host has no address and no probe
        assertThat(store.query("SELECT count(), countIf(probed), countIf(ip = '' AND NOT probed)"
                + " FROM latest_domain_mail_servers WHERE domain = 'a.example'", "TabSeparatedRaw")).isEqualTo("4\t3\t1\n");
    }

    Stream<Arguments> exampleQueries() throws IOException {
        String text = Files.readString(examples().resolve("queries.sql"));
        List<Arguments> queries = new ArrayList<>();
        for (String chunk : text.split(";\\s*\\n")) {
            String sql = chunk.strip();
            String title = sql.lines().filter(l -> l.matches("-- \\d+\\..*")).findFirst().orElse("");
            if (!title.isEmpty()) {
                queries.add(Arguments.of(title, sql));
            }
        }
        assertThat(queries).hasSizeGreaterThanOrEqualTo(10);
        return queries.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exampleQueries")
    void everyExampleQueryRuns(String title, String sql) {
        String answer = store.query(sql, "TabSeparatedRaw");

        assertThat(answer).as(title).isNotNull();
    }

    @Test
    void theExamplesFindWhatTheDataHolds() throws IOException {
        Map<String, String> byTitle = new java.util.HashMap<>();
        exampleQueries().forEach(a -> byTitle.put(((String) a.get()[0]).substring(3, 5).strip(), (String) a.get()[1]));

        assertThat(store.query(byTitle.get("3."), "TabSeparatedRaw")).startsWith("b.example\t");
        assertThat(store.query(byTitle.get("4."), "TabSeparatedRaw")).startsWith("a.example\treject\tnone");
        assertThat(store.query(byTitle.get("5."), "TabSeparatedRaw")).startsWith("c.example\t");
    }

    private static Path examples() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("examples/queries.sql"))) {
                return d.resolve("examples");
            }
        }
        throw new IllegalStateException("no examples/queries.sql above " + Path.of("").toAbsolutePath());
    }
}
