package io.mailcensus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailcensus.testbed.DnsTestbed;
import io.mailcensus.testbed.TestbedOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
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

    /** Truth keys this step does not measure yet, each with the reason. */
    private static final Map<String, String> NOT_MEASURED_YET = Map.of(
            "dkim.found", "selector lookups come with the standards-grade DKIM check (issue 3); "
                    + "this step only sees the _domainkey node (dkim.likely)");

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
        Result scan = run("scan", testbed.domainsFile().toString(), "--data", data.toString(),
                "--scan-id", "it-1", "--resolver", resolver, "--timeout", "2s", "--retries", "1",
                "--progress", "line");
        scanOutput = scan.out + scan.err;
        assertThat(scan.code).as(scanOutput).isZero();
    }

    @AfterAll
    void stopTestbed() throws Exception {
        if (testbed != null) {
            testbed.close();
        }
    }

    @Test
    void everyCountOfTheJsonReportEqualsTheGeneratedTruth() throws Exception {
        Result report = run("report", "--data", data.toString(), "--scan", "it-1", "--format", "json");
        assertThat(report.code).as(report.err).isZero();
        JsonNode json = new ObjectMapper().readTree(report.out);
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
        Result scans = run("scans", "--data", data.toString());
        assertThat(scans.code).isZero();
        assertThat(scans.out).contains("it-1").contains("finished").contains("1,500");
    }

    @Test
    void aSecondScanWithTheSameIdIsRefused() throws Exception {
        Path list = dir.resolve("one.txt");
        Files.writeString(list, "example.test\n");
        Result again = run("scan", list.toString(), "--data", data.toString(), "--scan-id", "it-1",
                "--resolver", "127.0.0.1:9", "--progress", "off");
        assertThat(again.code).isEqualTo(2);
        assertThat(again.err).contains("scan 'it-1' exists already");
    }

    record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var sysOut = System.out;
        var sysErr = System.err;
        var capturedOut = new java.io.ByteArrayOutputStream();
        var capturedErr = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(capturedOut, true, StandardCharsets.UTF_8));
        System.setErr(new java.io.PrintStream(capturedErr, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        } finally {
            System.setOut(sysOut);
            System.setErr(sysErr);
        }
        return new Result(code, out + capturedOut.toString(StandardCharsets.UTF_8),
                err + capturedErr.toString(StandardCharsets.UTF_8));
    }
}
