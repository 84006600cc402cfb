package io.mailcensus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailcensus.testbed.DnsTestbed;
import io.mailcensus.testbed.TestbedOptions;
import io.mailcensus.testbed.zone.ExtraDomain;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 15, "Bounded tails": a domain with 32 MX names on one tarpit address (a real SMTP port
 * on loopback that accepts and never says a word), served by the real Knot and Unbound test bed,
 * does not hold the scan longer than its mail server budget. The default 4 names per address
 * leave 28 pairs out at once; of the 4 probed, the first meets the tarpit (greeting timeout,
 * then the gate's backoff) and the others are left out when the domain's 10 s run out. Every
 * left-out pair is stored {@code not_probed: budget}, and the domain counts as unreachable,
 * never as "no STARTTLS".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TarpitMailServerBudgetIT {

    private static final String TARPIT = "127.66.15.25";
    private static final String DOMAIN = "tarpit.test";
    private static final Duration BUDGET = Duration.ofSeconds(10);
    private static final Duration SMTP_STEP = Duration.ofSeconds(2); // a whole probe: 4x, 8 s

    private Path dir;
    private DnsTestbed dns;
    private ServerSocket tarpit;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private Path data;
    private Duration scanTook;

    @BeforeAll
    void scan() throws Exception {
        dir = Files.createTempDirectory("mailcensus-tarpit-it");
        tarpit = new ServerSocket();
        tarpit.bind(new InetSocketAddress(InetAddress.getByName(TARPIT), 25));
        Thread.ofPlatform().daemon().name("tarpit").start(this::holdEveryConnection);

        List<String> records = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            records.add("@ IN MX " + (10 + i) + " mx" + i);
            records.add("mx" + i + " IN A " + TARPIT);
        }
        dns = DnsTestbed.start(TestbedOptions.of(dir.resolve("dns"), 5, 15L)
                .withExtraDomains(List.of(new ExtraDomain(DOMAIN, records, false))));
        Path list = dir.resolve("domains.txt");
        Files.write(list, List.of(DOMAIN));
        data = dir.resolve("store");
        String resolver = dns.resolver().getAddress().getHostAddress() + ":" + dns.resolver().getPort();

        long start = System.nanoTime();
        CommandRun result = CommandRun.of("scan", list.toString(), "--data", data.toString(), "--scan-id", "tarpit-1",
                "--resolver", resolver, "--timeout", "2s", "--retries", "1", "--no-http",
                "--ehlo", "scanner.mailcensus.test", "--smtp-timeout", SMTP_STEP.toSeconds() + "s",
                "--mx-budget", BUDGET.toSeconds() + "s", "--allow-address", "127.0.0.0/8");
        scanTook = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("TarpitMailServerBudgetIT: scan took %d ms; the tarpit saw %d connections%n",
                scanTook.toMillis(), connections.get());
        assertThat(result.code()).as(result.out() + result.err()).isZero();
    }

    private void holdEveryConnection() {
        while (!tarpit.isClosed()) {
            try {
                held.add(tarpit.accept()); // and never a byte
                connections.incrementAndGet();
            } catch (IOException e) {
                return;
            }
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (tarpit != null) {
            tarpit.close();
        }
        for (Socket s : held) {
            s.close();
        }
        if (dns != null) {
            dns.close();
        }
    }

    @Test
    void everyPairIsStoredAndThoseNotProbedSayWhy() {
        List<JsonNode> rows = sql("SELECT host, connect, error FROM mail_server_results FINAL WHERE scan_id = 'tarpit-1'"
                + " ORDER BY toUInt32(extract(host, '^mx(\\\\d+)\\\\.'))");
        assertThat(rows).hasSize(32);
        assertThat(rows.subList(4, 32)).allSatisfy(r -> {
            assertThat(r.get("connect").asText()).isEqualTo("not_checked");
            assertThat(r.get("error").asText()).isEqualTo("not_probed: budget: 4 host names on " + TARPIT
                    + " already (" + DOMAIN + ")");
        });
        // the first of the four met the tarpit; the others waited at its gate (backoff) until the time ran out
        assertThat(rows.getFirst().get("error").asText()).startsWith("TIMEOUT");
        assertThat(rows.subList(1, 4)).allSatisfy(r -> {
            assertThat(r.get("connect").asText()).isEqualTo("not_checked");
            assertThat(r.get("error").asText()).startsWith("not_probed: budget: the time budget (PT10S) of " + DOMAIN);
        });
        assertThat(connections.get()).isEqualTo(1);
    }

    @Test
    void theScanEndsWithinTheBudgetAfterTheFirstProbeStartsPlusOneProbesDeadline() {
        // the bound the budget promises (a probe already talking runs to its own deadline), not a speed figure;
        // 30 s more for the JVM's start, the DNS checks and the store
        assertThat(scanTook).isLessThan(BUDGET.plus(SMTP_STEP.multipliedBy(4)).plusSeconds(30));
    }

    @Test
    void theDomainIsUnreachableNeverNoStarttls() throws Exception {
        CommandRun report = CommandRun.of("report", "--data", data.toString(), "--scan", "tarpit-1", "--format", "json");
        assertThat(report.code()).as(report.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(report.out());
        assertThat(json.at("/metrics/starttls.unreachable/count").asLong()).as(report.out()).isEqualTo(1);
        assertThat(json.at("/metrics/starttls.none/count").asLong()).isZero();
        assertThat(json.at("/metrics/starttls.all/count").asLong()).isZero();
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
}
