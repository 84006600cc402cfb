package io.mailcensus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailcensus.testbed.DnsTestbed;
import io.mailcensus.testbed.TestbedOptions;
import io.mailcensus.testbed.mail.MailServerSpec;
import io.mailcensus.testbed.mail.MailTestbed;
import io.mailcensus.testbed.mail.Personality;
import io.mailcensus.testbed.pki.TestCa;
import io.mailcensus.testbed.zone.ExtraDomain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A domain whose only MX host has only an AAAA record, served by a real Exim over IPv6 with a
 * DNSSEC-secure TLSA record, is scanned and counted in the report's STARTTLS and DANE figures:
 * the probe's result row must carry the address in the same text as the MX data (RFC 5952), or
 * the report's joins on {@code ip} lose it.
 *
 * <p>Why not {@code ::1}: checks.md calls an MX whose addresses are only 127.0.0.1 and/or ::1
 * "localhost", and such a domain counts in {@code starttls.no_usable_mx}, never in
 * {@code starttls.all}. So the server listens on a unique local address that this test puts on
 * the loopback interface (which needs root; the test is skipped otherwise) and takes off again:
 * packets to it never leave the machine, exactly as for ::1.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Ipv6MailServerIT {

    private static final String V6 = "fd00:6d63::25";
    private static final String DOMAIN = "v6only.test";
    private static final String MX = "mx." + DOMAIN;

    private Path dir;
    private boolean addedAddress;
    private MailTestbed mail;
    private DnsTestbed dns;
    private Path data;

    @BeforeAll
    void scan() throws Exception {
        addedAddress = addToLoopback(V6);
        assumeTrue(addedAddress || onLoopback(V6), "could not put " + V6 + " on lo (needs root)");
        dir = Files.createTempDirectory("mailcensus-ipv6-it");
        TestCa ca = TestCa.create("mailcensus test CA");
        mail = MailTestbed.start(dir.resolve("mail"), ca, List.of(MailServerSpec.of(V6, MX, Personality.EXIM_STARTTLS)));
        String tlsa = "3 1 1 " + mail.leaf(MailServerSpec.of(V6, MX, Personality.EXIM_STARTTLS).address())
                .orElseThrow().tlsa311Hex();
        ExtraDomain v6only = new ExtraDomain(DOMAIN, List.of("@ IN MX 10 mx", "mx IN AAAA " + V6,
                "_25._tcp.mx IN TLSA " + tlsa), true);
        dns = DnsTestbed.start(TestbedOptions.of(dir.resolve("dns"), 5, 7L).withExtraDomains(List.of(v6only)));
        Path list = dir.resolve("domains.txt");
        Files.write(list, List.of(DOMAIN));

        data = dir.resolve("store");
        String resolver = dns.resolver().getAddress().getHostAddress() + ":" + dns.resolver().getPort();
        CommandRun result = CommandRun.of("scan", list.toString(), "--data", data.toString(), "--scan-id", "v6-1",
                "--resolver", resolver, "--timeout", "2s", "--retries", "1", "--progress", "line",
                "--trust-anchor", dns.trustAnchorFile().toString(), "--opt-out", dns.optOutFile().toString(),
                "--trust-store", mail.caFile().toString(), "--ehlo", "scanner.mailcensus.test", "--smtp-timeout", "5s",
                "--allow-address", "fd00:6d63::/64");
        assertThat(result.code()).as(result.out() + result.err()).isZero();
    }

    @AfterAll
    void stop() throws Exception {
        if (mail != null) {
            mail.close();
        }
        if (dns != null) {
            dns.close();
        }
        if (addedAddress) {
            run("ip", "-6", "addr", "del", V6 + "/128", "dev", "lo");
        }
    }

    @Test
    void theProbedServersRowCarriesTheAddressAsTheMxDataDoes() {
        List<JsonNode> rows = sql("SELECT host, ip, connect, starttls, tls, dane_valid FROM mail_server_results FINAL"
                + " WHERE scan_id = 'v6-1'");
        assertThat(rows).hasSize(1);
        JsonNode row = rows.getFirst();
        assertThat(row.get("host").asText()).isEqualTo(MX);
        assertThat(row.get("ip").asText()).isEqualTo(V6); // not fd00:6d63:0:0:0:0:0:25
        assertThat(row.get("connect").asText()).isEqualTo("ok");
        assertThat(row.get("starttls").asText()).isEqualTo("accepted");
        assertThat(row.get("tls").asText()).isEqualTo("ok");
        assertThat(row.get("dane_valid").asBoolean()).isTrue();
        assertThat(sql("SELECT arrayJoin(arrayFlatten(arrayMap(h -> h.ipv6, mx_hosts))) AS ip FROM domain_results FINAL WHERE scan_id = 'v6-1'"
                + " AND domain = '" + DOMAIN + "'")).extracting(r -> r.get("ip").asText()).containsExactly(V6);
    }

    @Test
    void theDomainCountsInTheStarttlsAndDaneFigures() throws Exception {
        CommandRun report = CommandRun.of("report", "--data", data.toString(), "--scan", "v6-1", "--format", "json");
        assertThat(report.code()).as(report.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(report.out());
        assertThat(json.at("/metrics/starttls.all/count").asLong()).as(report.out()).isEqualTo(1);
        assertThat(json.at("/metrics/starttls.unreachable/count").asLong()).isZero();
        assertThat(json.at("/metrics/dane.present/count").asLong()).isEqualTo(1);
        assertThat(json.at("/metrics/dane.valid/count").asLong()).as(report.out()).isEqualTo(1);
    }

    private List<JsonNode> sql(String query) {
        CommandRun run = CommandRun.of("sql", "--data", data.toString(), "--format", "JSONEachRow", query);
        assertThat(run.code()).as(run.err()).isZero();
        List<JsonNode> rows = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        for (String line : run.out().split("\n")) {
            if (!line.isBlank()) {
                try {
                    rows.add(mapper.readTree(line));
                } catch (IOException e) {
                    throw new IllegalStateException(line, e);
                }
            }
        }
        return rows;
    }

    private static boolean onLoopback(String address) throws Exception {
        return run("ip", "-6", "addr", "show", "dev", "lo").output().contains(address + "/128");
    }

    /** True if this test added the address (and so takes it off again). */
    private static boolean addToLoopback(String address) throws Exception {
        if (onLoopback(address)) {
            return false;
        }
        return run("ip", "-6", "addr", "add", address + "/128", "dev", "lo", "nodad").code() == 0;
    }

    private record Result(int code, String output) {}

    private static Result run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, out);
        }
        return new Result(p.exitValue(), out);
    }
}
