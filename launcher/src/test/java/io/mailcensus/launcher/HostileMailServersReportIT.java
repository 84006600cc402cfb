package io.mailcensus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailcensus.launcher.ScriptedSmtpServer.Behaviour;
import io.mailcensus.testbed.DnsTestbed;
import io.mailcensus.testbed.TestbedOptions;
import io.mailcensus.testbed.zone.ExtraDomain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 13's Done-when, end to end: real sockets on 127.27.0.x:25 that answer 421, stall, reset at
 * EHLO, break the TLS handshake or answer STARTTLS with 454, one that answers EHLO without
 * STARTTLS, and an address where nothing listens; real DNS (Knot behind Unbound) pointing one
 * domain at each; `mailcensus scan` and `mailcensus report --format json`. Only the server that
 * said "no STARTTLS" may count as {@code starttls.none}; the others are unreachable (unknown), and
 * the five STARTTLS buckets add up to the {@code mx} base.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class HostileMailServersReportIT {

    private static final Map<String, Behaviour> SERVERS = new LinkedHashMap<>();

    static {
        SERVERS.put("127.27.0.1", Behaviour.GREETING_421);
        SERVERS.put("127.27.0.2", Behaviour.STALL);
        SERVERS.put("127.27.0.3", Behaviour.RESET_AT_EHLO);
        SERVERS.put("127.27.0.4", Behaviour.BROKEN_HANDSHAKE);
        SERVERS.put("127.27.0.5", Behaviour.STARTTLS_454);
        SERVERS.put("127.27.0.6", Behaviour.NO_STARTTLS);
    }

    /** Nothing listens here: connection refused. */
    private static final String REFUSED_IP = "127.27.0.7";
    private static final List<String> BUCKETS = List.of(
            "starttls.all", "starttls.some", "starttls.none", "starttls.unreachable", "starttls.no_usable_mx");

    private Path dir;
    private DnsTestbed dns;
    private final List<ScriptedSmtpServer> servers = new ArrayList<>();
    private Path data;
    private JsonNode report;

    @BeforeAll
    void scanAndReport() throws Exception {
        dir = Files.createTempDirectory("mailcensus-hostile-it");
        for (Map.Entry<String, Behaviour> e : SERVERS.entrySet()) {
            servers.add(new ScriptedSmtpServer(e.getKey(), e.getValue()));
        }
        List<ExtraDomain> extras = new ArrayList<>();
        for (Map.Entry<String, Behaviour> e : SERVERS.entrySet()) {
            extras.add(mailDomain(domainOf(e.getValue()), e.getKey()));
        }
        extras.add(mailDomain("refused.test", REFUSED_IP));
        dns = DnsTestbed.start(TestbedOptions.of(dir.resolve("dns"), 20, 5L).withExtraDomains(extras));
        Path list = dir.resolve("domains.txt");
        Files.write(list, extras.stream().map(ExtraDomain::name).toList());

        data = dir.resolve("store");
        String resolver = dns.resolver().getAddress().getHostAddress() + ":" + dns.resolver().getPort();
        CommandRun scan = CommandRun.of("scan", list.toString(), "--data", data.toString(), "--scan-id", "hostile-1",
                "--resolver", resolver, "--allow-address", "127.0.0.0/8", "--timeout", "2s", "--retries", "1",
                "--trust-anchor", dns.trustAnchorFile().toString(), "--opt-out", dns.optOutFile().toString(),
                "--no-http", "--smtp-timeout", "2s", "--smtp-politeness", ScanOfGeneratedZoneIT.QUICK_GIVE_UP,
                "--progress", "line");
        assertThat(scan.code()).as(scan.out() + scan.err()).isZero();
        CommandRun json = CommandRun.of("report", "--data", data.toString(), "--scan", "hostile-1", "--format", "json");
        assertThat(json.code()).as(json.err()).isZero();
        report = new ObjectMapper().readTree(json.out());
    }

    private static String domainOf(Behaviour b) {
        return b.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ".test";
    }

    private static ExtraDomain mailDomain(String name, String ip) {
        return new ExtraDomain(name, List.of("@ IN MX 10 mx", "mx IN A " + ip), false);
    }

    @AfterAll
    void stop() throws Exception {
        for (ScriptedSmtpServer s : servers) {
            s.close();
        }
        if (dns != null) {
            dns.close();
        }
    }

    private long count(String key) {
        return report.get("metrics").get(key).get("count").asLong();
    }

    @Test
    void onlyTheServerThatAnsweredEhloWithoutStartTlsIsNone() {
        assertThat(count("starttls.none")).isEqualTo(1);
        List<JsonNode> none = sql("SELECT DISTINCT domain FROM domain_mail_servers WHERE scan_id = 'hostile-1'"
                + " AND starttls = 'not_offered'");
        assertThat(none).extracting(n -> n.get("domain").asText()).containsExactly("no-starttls.test");
    }

    @Test
    void serversThatAnswered421StalledResetOrFailedTheHandshakeAreUnreachable() {
        assertThat(count("starttls.unreachable")).isEqualTo(6); // five hostile and the refused address
        assertThat(count("starttls.all")).isZero();
        assertThat(count("starttls.some")).isZero();
        assertThat(count("starttls.no_usable_mx")).isZero();
        JsonNode all = report.get("metrics").get("starttls.all");
        assertThat(all.get("unknown").asLong()).isEqualTo(6);
        assertThat(all.get("status").asText()).isEqualTo("partial");
        assertThat(report.get("coverage").get("starttls").get("not_reached").asLong()).isEqualTo(6);
    }

    @Test
    void theFiveBucketsAddUpToTheMxBase() {
        long sum = BUCKETS.stream().mapToLong(this::count).sum();
        assertThat(report.get("metrics").get("starttls.all").get("base_count").asLong()).isEqualTo(7);
        assertThat(sum).isEqualTo(7);
    }

    @Test
    void everyMetricHasUnknownAndStatus() {
        report.get("metrics").fields().forEachRemaining(e -> {
            assertThat(e.getValue().has("unknown")).as(e.getKey()).isTrue();
            assertThat(e.getValue().get("status").asText()).as(e.getKey()).isIn("measured", "partial", "not_measured");
        });
    }

    @Test
    void everyHostileServerWasReachedAndItsStageKept() {
        for (ScriptedSmtpServer s : servers) {
            assertThat(s.connections()).isPositive();
        }
        // a 421 or a silent server may only be busy: asked once more, and no more; the others once
        List<Integer> connections = servers.stream().map(ScriptedSmtpServer::connections).toList();
        assertThat(connections).as("connections to " + SERVERS.values()).containsExactly(2, 2, 1, 1, 1, 1);
        List<JsonNode> rows = sql("SELECT ip, connect, starttls, error FROM mail_server_results FINAL"
                + " WHERE scan_id = 'hostile-1' ORDER BY ip");
        Map<String, JsonNode> byIp = new LinkedHashMap<>();
        rows.forEach(r -> byIp.put(r.get("ip").asText(), r));
        assertThat(byIp).containsKeys(SERVERS.keySet().toArray(String[]::new));
        SERVERS.forEach((ip, behaviour) -> {
            JsonNode row = byIp.get(ip);
            if (behaviour == Behaviour.NO_STARTTLS) {
                assertThat(row.get("starttls").asText()).isEqualTo("not_offered");
            } else {
                assertThat(row.get("starttls").asText()).as(ip + " " + behaviour).isNotEqualTo("not_offered");
                assertThat(row.get("error").asText()).as(ip + " " + behaviour).isNotBlank();
            }
        });
        assertThat(byIp.get(REFUSED_IP).get("connect").asText()).isEqualTo("refused");
    }

    private List<JsonNode> sql(String query) {
        CommandRun r = CommandRun.of("sql", "--data", data.toString(), "--format", "JSONEachRow", query);
        assertThat(r.code()).as(r.err()).isZero();
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> rows = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            if (!line.isBlank()) {
                try {
                    rows.add(mapper.readTree(line));
                } catch (Exception e) {
                    throw new AssertionError("not JSON: " + line, e);
                }
            }
        }
        return rows;
    }
}
