package io.mailcensus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailcensus.testbed.DnsTestbed;
import io.mailcensus.testbed.TestbedOptions;
import io.mailcensus.testbed.truth.DomainTruthLine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The foundation's acceptance test: a generated zone of 1,500 domains with a known mix of
 * records, served by a real Knot behind a real Unbound on loopback, scanned by {@code
 * mailcensus scan}; every count of the JSON report must equal the generated truth, and the
 * store must answer SQL from a new process after the scan has exited.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScanOfGeneratedZoneIT {

    private static final int DOMAINS = 1_500;

    /** Gates that give a dead test-bed host up in well under a second. */
    static final String QUICK_GIVE_UP = "per-minute=60000,delay-factor=0,max-delay=PT1S,backoff-base=PT0.05S,backoff-max=PT0.2S";

    /** Truth keys this step does not measure yet, each with the reason. */
    private static final Map<String, String> NOT_MEASURED_YET = Map.of();

    private Path dir;

    private DnsTestbed testbed;
    private Path data;
    private String scanOutput;

    @BeforeAll
    void scanTheTestbed() throws Exception {
        dir = Files.createTempDirectory("mailcensus-scan-it");
        testbed = DnsTestbed.start(TestbedOptions.of(dir.resolve("testbed"), DOMAINS, 20261128L));
        data = dir.resolve("store");
        String resolver = testbed.resolver().getAddress().getHostAddress() + ":" + testbed.resolver().getPort();
        CommandRun scan = CommandRun.of("scan", testbed.domainsFile().toString(), "--data", data.toString(),
                "--scan-id", "it-1", "--resolver", resolver, "--allow-address", "127.0.0.0/8", "--timeout", "2s", "--retries", "1",
                "--progress", "line", "--trust-anchor", testbed.trustAnchorFile().toString(),
                // the testbed's AAAA records are in 2001:db8::/32, which no test may connect to
                "--opt-out", testbed.optOutFile().toString(),
                // nothing listens at the generated zone's MX and web addresses: a real scan backs off
                // for minutes before it gives such a host up; the test bed's need not
                "--smtp-politeness", QUICK_GIVE_UP, "--https-politeness", QUICK_GIVE_UP);
        scanOutput = scan.out() + scan.err();
        assertThat(scan.code()).as(scanOutput).isZero();
    }

    @AfterAll
    void stopTestbed() throws Exception {
        if (testbed != null) {
            testbed.close();
        }
    }

    @Test
    void everyCountOfTheJsonReportEqualsTheGeneratedTruth() throws Exception {
        CommandRun report = CommandRun.of("report", "--data", data.toString(), "--scan", "it-1", "--format", "json");
        assertThat(report.code()).as(report.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(report.out());
        assertThat(json.at("/scan/id").asText()).isEqualTo("it-1");
        assertThat(json.at("/scan/domains").asLong()).isEqualTo(DOMAINS);

        Map<String, Long> truth = testbed.truth();
        assertThat(truth).containsKeys("mx.present", "spf.present", "dmarc.present", "domains.error");
        Map<String, String> mismatches = new TreeMap<>();
        for (var e : truth.entrySet()) {
            if (NOT_MEASURED_YET.containsKey(e.getKey())) {
                continue;
            }
            JsonNode metric = json.at("/metrics/" + e.getKey().replace("/", "~1"));
            assertThat(metric.isMissingNode()).as("report has no metric %s", e.getKey()).isFalse();
            long count = metric.get("count").asLong();
            if (count != e.getValue()) {
                mismatches.put(e.getKey(), "report " + count + ", truth " + e.getValue());
            }
        }
        assertThat(mismatches).as("metrics whose count differs from the truth").isEmpty();
        assertThat(json.at("/metrics/mx.present/base_count").asLong()).isEqualTo(DOMAINS);
    }

    @Test
    void providerBreakdownsListTheGeneratedTopProviders() throws Exception {
        CommandRun report = CommandRun.of("report", "--data", data.toString(), "--scan", "it-1", "--format", "json");
        assertThat(report.code()).as(report.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(report.out());
        for (var e : testbed.truthBreakdowns().entrySet()) {
            JsonNode rows = json.at("/breakdowns/" + e.getKey());
            assertThat(rows.isArray()).as("report has breakdown %s", e.getKey()).isTrue();
            List<String> reported = new ArrayList<>();
            // the closing "other" row (the rest of the base) is not a provider of the truth
            rows.forEach(row -> {
                if (!row.get("name").asText().equals("other")) {
                    reported.add(row.get("name").asText() + " " + row.get("count").asLong());
                }
            });
            // The report keeps the top N rows, ordered by count then name, as the truth is.
            List<String> expected = e.getValue().stream().limit(Math.max(reported.size(), 1))
                    .map(p -> p.name() + " " + p.count()).toList();
            assertThat(reported).as(e.getKey()).isNotEmpty().isEqualTo(expected);
        }
    }

    /**
     * "Errors are data": healthy domains whose {@code autodiscover.<d>} or {@code _dmarc.<d>} is
     * delegated to a dead server have exactly that check in {@code error} and everything else
     * measured. The other way round is checked with a small allowance: on this 2-core machine a
     * loaded Unbound now and then gives SERVFAIL for a name that is not planted (its log says
     * "nameserver addresses not usable"), which the metric comparison above would also show.
     */
    @Test
    void aNameThatTimesOutMakesOnlyItsCheckAnError() throws Exception {
        Map<String, String> planted = new TreeMap<>();
        for (String line : Files.readAllLines(testbed.truthDomainsFile()).subList(1, DOMAINS + 1)) {
            DomainTruthLine truth = DomainTruthLine.parse(line);
            boolean autodiscover = truth.hasCase("timeout:autodiscover");
            boolean dmarc = truth.hasCase("timeout:dmarc");
            if (autodiscover || dmarc) {
                planted.put(truth.domain(), String.join("\t", truth.domain(), "ok", autodiscover ? "error" : "-",
                        dmarc ? "error" : "-", "-", "-", "present"));
            }
        }
        assertThat(planted).as("the generator plants timing-out names").hasSizeGreaterThan(10);
        CommandRun sql = CommandRun.of("sql", "--data", data.toString(), "--format", "TabSeparated",
                "SELECT domain, toString(status), "
                        + "if(autodiscover_status = 'error', 'error', '-'), if(dmarc_status = 'error', 'error', '-'), "
                        + "if(lyncdiscover_status = 'error', 'error', '-'), if(sip_federation_status = 'error', 'error', '-'), "
                        + "ns_status FROM domain_results FINAL WHERE scan_id = 'it-1' AND status != 'error' "
                        + "AND 'error' IN (autodiscover_status, dmarc_status, lyncdiscover_status, sip_federation_status) "
                        + "ORDER BY domain");
        assertThat(sql.code()).as(sql.err()).isZero();
        Map<String, String> rows = new TreeMap<>();
        sql.out().strip().lines().forEach(row -> rows.put(row.substring(0, row.indexOf('\t')), row));
        for (var e : planted.entrySet()) {
            assertThat(rows.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        }
        List<String> unplanted = rows.keySet().stream().filter(d -> !planted.containsKey(d)).map(rows::get).toList();
        assertThat(unplanted).as("errors nobody planted").hasSizeLessThanOrEqualTo(DOMAINS / 300);
    }

    @Test
    void scanPrintsProgressAndASummary() {
        assertThat(scanOutput).contains("progress: ").contains("scan it-1 finished: 1,500 domains")
                .contains("1,500 names read, 1,500 domains, 0 duplicates, 0 rejected");
    }

    @Test
    void storeAnswersSqlFromANewProcessAfterTheScanExited() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                Main.class.getName(),
                "sql", "--data", data.toString(), "--format", "TabSeparated",
                "SELECT count() FROM domain_results FINAL WHERE scan_id = 'it-1'"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out.strip()).isEqualTo(String.valueOf(DOMAINS));
    }

    @Test
    void scansListsTheFinishedScan() {
        CommandRun scans = CommandRun.of("scans", "--data", data.toString());
        assertThat(scans.code()).isZero();
        assertThat(scans.out()).contains("it-1").contains("finished").contains("1,500");
    }

    @Test
    void aSecondScanWithTheSameIdIsRefused() throws Exception {
        Path list = dir.resolve("one.txt");
        Files.writeString(list, "example.test\n");
        CommandRun again = CommandRun.of("scan", list.toString(), "--data", data.toString(), "--scan-id", "it-1",
                // a resolver that answers: a dead one would stop the scan at its pre-flight first
                "--resolver", testbed.resolver().getAddress().getHostAddress() + ":" + testbed.resolver().getPort(),
                "--progress", "off", "--no-smtp", "--no-http");
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("scan 'it-1' exists already");
    }

    /** Each domain's DNSSEC verdict, not only the counts: secure, bogus (still measured), insecure. */
    @Test
    void everyDomainsDnssecVerdictIsThePlannedOne() throws Exception {
        CommandRun sql = CommandRun.of("sql", "--data", data.toString(), "--format", "TabSeparated",
                "SELECT domain, dnssec_validation FROM domain_results FINAL WHERE scan_id = 'it-1'");
        assertThat(sql.code()).as(sql.err()).isZero();
        Map<String, String> verdicts = new TreeMap<>();
        sql.out().lines().map(l -> l.split("\t")).filter(f -> f.length == 2).forEach(f -> verdicts.put(f[0], f[1]));
        Map<String, String> wrong = new TreeMap<>();
        try (var lines = io.mailcensus.testbed.truth.TruthDomainsFile.lines(testbed.truthDomainsFile())) {
            lines.forEach(line -> {
                String expected = !line.ok() ? "indeterminate"
                        : line.counts(io.mailcensus.testbed.truth.Metric.DNSSEC_SECURE) ? "secure"
                        : line.counts(io.mailcensus.testbed.truth.Metric.DNSSEC_BOGUS) ? "bogus" : "insecure";
                if (!expected.equals(verdicts.get(line.domain()))) {
                    wrong.put(line.domain(), "expected " + expected + ", got " + verdicts.get(line.domain()) + " "
                            + line.cases());
                }
            });
        }
        assertThat(verdicts).hasSize(DOMAINS);
        assertThat(wrong).as("domains whose DNSSEC verdict differs from the truth").isEmpty();
    }
}
