package io.mailcensus.launcher.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailcensus.core.metrics.MeterNames;
import io.mailcensus.core.metrics.MetricsEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Keeps the deployment files under {@code deploy/} valid where no Docker engine or Helm runs:
 * every YAML file parses, the compose file has every role wired as the README says, no
 * credential is ever on a command line, and the Helm templates are well nested and read only
 * values that values.yaml defines. Rendering the chart needs Helm ({@code helm lint}, see
 * deploy/README.md); this test does not pretend to do that.
 */
class DeployFilesTest {

    private static final Path DEPLOY = findDeploy();
    private static final Path CHART = DEPLOY.resolve("helm/mailcensus");
    private static final List<String> ROLES = List.of("coordinator", "worker", "aggregator");

    @Test
    void everyYamlFileParses() throws IOException {
        List<Path> files = yamlFiles().filter(p -> !p.startsWith(CHART.resolve("templates"))).toList();

        assertThat(files).extracting(p -> DEPLOY.relativize(p).toString())
                .contains("compose/docker-compose.yml", "compose/prometheus.yml",
                        "helm/mailcensus/Chart.yaml", "helm/mailcensus/values.yaml");
        for (Path file : files) {
            List<Object> documents = new ArrayList<>();
            yaml().loadAll(Files.readString(file)).forEach(documents::add);
            assertThat(documents).as(file.toString()).isNotEmpty().doesNotContainNull();
        }
    }

    @Test
    void composeRunsEveryRoleFromOneImageAndWorkersCanScale() throws IOException {
        Map<String, Object> services = map(load(DEPLOY.resolve("compose/docker-compose.yml")), "services");

        assertThat(services).containsKeys("kafka", "clickhouse", "prometheus", "grafana", "resolver",
                "coordinator", "worker", "aggregator");
        for (String role : ROLES) {
            Map<String, Object> service = map(services, role);
            assertThat(service.get("image")).as(role).isEqualTo("${MAILCENSUS_IMAGE:-mailcensus:dev}");
            assertThat((String) service.get("command")).as(role)
                    .startsWith(role + " --kafka kafka:9092 --metrics 0.0.0.0:" + MetricsEndpoint.DEFAULT_PORT);
        }
        // --scale worker=N needs replicas without a fixed name or host port
        assertThat(map(services, "worker")).doesNotContainKeys("container_name", "ports");
        assertThat((String) map(services, "aggregator").get("command"))
                .contains("--clickhouse jdbc:clickhouse:http://clickhouse:8123/default");
        assertThat(map(map(services, "aggregator"), "environment"))
                .containsKeys("MAILCENSUS_CLICKHOUSE_USER", "MAILCENSUS_CLICKHOUSE_PASSWORD");
    }

    @Test
    void workersCanBeGivenAnOptOutFileInComposeAndHelm() throws IOException {
        Map<String, Object> worker = map(map(load(DEPLOY.resolve("compose/docker-compose.yml")), "services"), "worker");
        assertThat((String) worker.get("command")).contains("--opt-out /opt-out/opt-out.txt");
        assertThat(worker.get("volumes").toString()).contains(":/opt-out:ro");
        assertThat(DEPLOY.resolve("compose/opt-out/opt-out.txt")).exists();

        String template = Files.readString(CHART.resolve("templates/worker-deployment.yaml"));
        assertThat(template).contains("- --opt-out", "/etc/mailcensus/opt-out/opt-out.txt", ".Values.worker.optOut.configMap");
    }

    @Test
    void aOneRoundCoordinatorIsAJobNeverRestartedAndAContinuousOneADeployment() throws IOException {
        String job = Files.readString(CHART.resolve("templates/coordinator-job.yaml"));
        String deployment = Files.readString(CHART.resolve("templates/coordinator-deployment.yaml"));

        assertThat(job).contains("kind: Job", "restartPolicy: Never", "backoffLimit: 0", "- --scan-id",
                "(not .Values.coordinator.every)");
        assertThat(deployment).contains("kind: Deployment", "- --every", "and .Values.coordinator.enabled .Values.coordinator.every");
        assertThat(job + deployment).contains("- --partitions");
    }

        @Test
    void prometheusScrapesEveryRoleOnTheMetricsPort() throws IOException {
        String jobs = load(DEPLOY.resolve("compose/prometheus.yml")).get("scrape_configs").toString();

        for (String role : ROLES) {
            assertThat(jobs).contains("job_name=mailcensus-" + role)
                    .contains("names=[" + role + "], type=A, port=" + MetricsEndpoint.DEFAULT_PORT);
        }
        assertThat(map(load(CHART.resolve("values.yaml")), "metrics").get("port"))
                .isEqualTo(MetricsEndpoint.DEFAULT_PORT);
    }

    @Test
    void noCredentialIsEverOnACommandLine() throws IOException {
        Map<String, Object> services = map(load(DEPLOY.resolve("compose/docker-compose.yml")), "services");
        for (String role : ROLES) {
            assertThat(((String) map(services, role).get("command")).toLowerCase()).as(role)
                    .doesNotContain("password").doesNotContain("user=");
        }
        String aggregator = Files.readString(CHART.resolve("templates/aggregator-deployment.yaml"));
        String args = aggregator.substring(aggregator.indexOf("args:"), aggregator.indexOf("env:"));
        assertThat(args.toLowerCase()).doesNotContain("password").doesNotContain("secret");
    }

    @Test
    void grafanaProvisioningPointsTheDashboardAtTheProvisionedClickHouse() throws IOException {
        String datasources = load(DEPLOY.resolve("compose/grafana/provisioning/datasources/datasources.yml"))
                .get("datasources").toString();
        String compose = Files.readString(DEPLOY.resolve("compose/docker-compose.yml"));

        assertThat(datasources).contains("uid=mailcensus-clickhouse", "type=grafana-clickhouse-datasource");
        assertThat(compose).contains("s/$${DS_CLICKHOUSE}/mailcensus-clickhouse/g");
        assertThat(Files.readString(DEPLOY.resolve("grafana/mailcensus-dashboard.json"))).contains("${DS_CLICKHOUSE}");
    }

    @Test
    void theOperationsDashboardChartsOnlyMetersMailcensusRegisters() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(
                DEPLOY.resolve("grafana/mailcensus-operations-dashboard.json").toFile());
        Set<String> meters = new HashSet<>();
        for (var field : MeterNames.class.getFields()) {
            meters.add((String) field.get(null));
        }
        Pattern series = Pattern.compile("mailcensus_[a-z_]+");
        List<String> charted = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            assertThat(panel.at("/datasource/uid").asText()).isEqualTo("mailcensus-prometheus");
            for (JsonNode target : panel.get("targets")) {
                Matcher m = series.matcher(target.get("expr").asText());
                while (m.find()) {
                    charted.add(m.group());
                }
            }
        }
        assertThat(charted).isNotEmpty().allSatisfy(name -> assertThat(meters)
                .as(name).contains(name.replaceAll("(_seconds)?(_total|_sum|_count)?$", "").replace('_', '.')));
    }

    @Test
    void helmTemplateActionsAreBalancedAndBlocksNested() throws IOException {
        Pattern action = Pattern.compile("\\{\\{-?\\s*(?:/\\*.*?\\*/\\s*)?(\\w+)?", Pattern.DOTALL);
        try (Stream<Path> templates = Files.list(CHART.resolve("templates"))) {
            for (Path file : templates.toList()) {
                String text = Files.readString(file);
                assertThat(count(text, "{{")).as(file + ": {{ and }}").isEqualTo(count(text, "}}"));
                Deque<String> open = new ArrayDeque<>();
                Matcher m = action.matcher(text);
                while (m.find()) {
                    String keyword = m.group(1) == null ? "" : m.group(1);
                    switch (keyword) {
                        case "if", "range", "with", "define", "block" -> open.push(keyword);
                        case "end" -> assertThat(open.poll()).as(file + ": end without a block").isNotNull();
                        default -> {}
                    }
                }
                assertThat(open).as(file + ": blocks left open").isEmpty();
            }
        }
    }

    @Test
    void helmTemplatesReadOnlyValuesThatValuesYamlDefines() throws IOException {
        Map<String, Object> values = load(CHART.resolve("values.yaml"));
        Pattern reference = Pattern.compile("\\$?\\.Values((?:\\.\\w+)+)");
        TreeSet<String> missing = new TreeSet<>();
        try (Stream<Path> templates = Files.list(CHART.resolve("templates"))) {
            for (Path file : templates.toList()) {
                Matcher m = reference.matcher(Files.readString(file));
                while (m.find()) {
                    Object node = values;
                    for (String key : m.group(1).substring(1).split("\\.")) {
                        node = node instanceof Map<?, ?> map && map.containsKey(key) ? map.get(key) : null;
                        if (node == null) {
                            missing.add(m.group(1));
                            break;
                        }
                    }
                }
            }
        }
        assertThat(missing).as("values the templates read but values.yaml lacks").isEmpty();
    }

    @Test
    void theChartIsAHelm3ChartWithLintValues() throws IOException {
        Map<String, Object> chart = load(CHART.resolve("Chart.yaml"));
        assertThat(chart).containsEntry("apiVersion", "v2").containsEntry("name", "mailcensus")
                .containsKeys("version", "appVersion");
        Map<String, Object> lint = load(CHART.resolve("ci/lint-values.yaml"));
        assertThat(map(lint, "worker")).containsKey("ehlo");
    }

    private static Stream<Path> yamlFiles() throws IOException {
        try (Stream<Path> all = Files.walk(DEPLOY)) {
            return all.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
                    .toList().stream();
        }
    }

    private static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(Path file) throws IOException {
        return (Map<String, Object>) yaml().load(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertThat(parent).containsKey(key);
        return (Map<String, Object>) parent.get(key);
    }

    private static int count(String text, String token) {
        int n = 0;
        for (int i = text.indexOf(token); i >= 0; i = text.indexOf(token, i + token.length())) {
            n++;
        }
        return n;
    }

    /** deploy/ of this repository, from the module directory Maven runs tests in. */
    private static Path findDeploy() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("deploy/compose/docker-compose.yml"))) {
                return dir.resolve("deploy");
            }
        }
        throw new IllegalStateException("no deploy/ above " + Path.of("").toAbsolutePath());
    }
}
