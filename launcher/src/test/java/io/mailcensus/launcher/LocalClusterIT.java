package io.mailcensus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailcensus.testbed.DnsTestbed;
import io.mailcensus.testbed.TestbedOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 5's acceptance test: {@code local-cluster --workers 3} (a real KRaft broker, the
 * coordinator, three workers and the aggregator) scans the generated test zone, and its report
 * equals the single-machine {@code scan}'s report of the same zone, metric for metric.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalClusterIT {

    private static final int DOMAINS = 600;

    private Path dir;
    private DnsTestbed testbed;

    @BeforeAll
    void startTestbed() throws Exception {
        dir = Files.createTempDirectory("mailcensus-cluster-it");
        testbed = DnsTestbed.start(TestbedOptions.of(dir.resolve("testbed"), DOMAINS, 55L));
    }

    /** Each metric's count, base and pct, without its coverage. */
    private static java.util.Map<String, String> figures(JsonNode metrics) {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        metrics.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().path("count").asText() + " / "
                + e.getValue().path("base_count").asText() + " = " + e.getValue().path("pct").asText()));
        return out;
    }

    @AfterAll
    void stopTestbed() throws Exception {
        if (testbed != null) {
            testbed.close();
        }
    }

    private List<String> probeArgs() {
        String resolver = testbed.resolver().getAddress().getHostAddress() + ":" + testbed.resolver().getPort();
        return List.of("--resolver", resolver, "--allow-address", "127.0.0.0/8", "--timeout", "2s", "--retries", "1",
                "--trust-anchor", testbed.trustAnchorFile().toString(), "--opt-out", testbed.optOutFile().toString(),
                "--smtp-politeness", ScanOfGeneratedZoneIT.QUICK_GIVE_UP,
                "--https-politeness", ScanOfGeneratedZoneIT.QUICK_GIVE_UP);
    }

    @Test
    void threeWorkersOverKafkaReportWhatOneMachineReports() throws Exception {
        Path single = dir.resolve("single");
        List<String> scan = new ArrayList<>(List.of("scan", testbed.domainsFile().toString(), "--data", single.toString(),
                "--scan-id", "round-1", "--progress", "off"));
        scan.addAll(probeArgs());
        CommandRun one = CommandRun.of(scan);
        assertThat(one.code()).as(one.out() + one.err()).isZero();

        Path cluster = dir.resolve("cluster");
        List<String> local = new ArrayList<>(List.of("local-cluster", testbed.domainsFile().toString(), "--workers", "3",
                "--data", cluster.toString(), "--scan-id", "round-1"));
        local.addAll(probeArgs());
        CommandRun three = CommandRun.of(local);
        assertThat(three.code()).as(three.out() + three.err()).isZero();
        assertThat(three.out()).contains("by 3 workers over Kafka");

        JsonNode a = report(single);
        JsonNode b = report(cluster);
        assertThat(a.at("/scan/domains").asLong()).isEqualTo(DOMAINS);
        assertThat(b.at("/scan/domains").asLong()).isEqualTo(DOMAINS);
        // the figures are the same; how many of a base each run could not decide ("unknown", "status")
        // depends on which probes timed out under this machine's load, so it is not compared
        assertThat(figures(b.get("metrics"))).isEqualTo(figures(a.get("metrics")));
        assertThat(b.get("breakdowns")).isEqualTo(a.get("breakdowns"));
        // every domain once in the store, whatever Kafka re-delivered
        assertThat(sql(cluster, "SELECT count() FROM domain_results FINAL WHERE scan_id = 'round-1'")).isEqualTo(DOMAINS);
        assertThat(sql(cluster, "SELECT uniqExact(domain) FROM domain_results WHERE scan_id = 'round-1'")).isEqualTo(DOMAINS);
        assertThat(sql(cluster, "SELECT count() FROM mail_server_results FINAL WHERE scan_id = 'round-1'"))
                .isEqualTo(sql(single, "SELECT count() FROM mail_server_results FINAL WHERE scan_id = 'round-1'"));
    }

    private JsonNode report(Path data) throws Exception {
        CommandRun r = CommandRun.of(List.of("report", "--data", data.toString(), "--scan", "round-1", "--format", "json"));
        assertThat(r.code()).as(r.err()).isZero();
        return new ObjectMapper().readTree(r.out());
    }

    private long sql(Path data, String query) {
        CommandRun r = CommandRun.of(List.of("sql", "--data", data.toString(), "--format", "TabSeparated", query));
        assertThat(r.code()).as(r.err()).isZero();
        return Long.parseLong(r.out().strip());
    }
}
