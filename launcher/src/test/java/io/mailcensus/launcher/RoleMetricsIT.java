package io.mailcensus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.kafka.broker.EmbeddedKafka;
import io.mailcensus.kafka.client.KafkaSettings;
import io.mailcensus.testbed.DnsTestbed;
import io.mailcensus.testbed.TestbedOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Each distributed role, a process of its own started from the CLI with {@code --metrics},
 * serves the round-progress and lag metrics at /metrics: the coordinator the tasks it enqueued
 * per round and the workers' lag on the task topics, a worker that lag and the domains it probed
 * per round, the aggregator the
 * round's counts from the scans row and its own lag on the result topics.
 */
class RoleMetricsIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void everyRoleServesRoundProgressAndLag() throws Exception {
        Path dir = Files.createTempDirectory("mailcensus-metrics-it");
        List<Process> roles = new ArrayList<>();
        try (DnsTestbed testbed = DnsTestbed.start(TestbedOptions.of(dir.resolve("testbed"), 60, 5L));
                EmbeddedKafka broker = EmbeddedKafka.start()) {
            KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
            broker.createTopics(kafka.topics().all(), 4);
            String resolver = testbed.resolver().getAddress().getHostAddress() + ":" + testbed.resolver().getPort();
            // port 0: each role binds a free port and prints it (a port picked here and closed could be
            // taken by another process's outbound connection before the role binds it; it happened)
            roles.add(role(dir, "coordinator", "coordinator", "--kafka", broker.bootstrapServers(), "--every", "20s",
                    "--metrics", "127.0.0.1:0", testbed.domainsFile().toString()));
            roles.add(role(dir, "worker", "worker", "--kafka", broker.bootstrapServers(), "--metrics",
                    "127.0.0.1:0", "--resolver", resolver, "--allow-address", "127.0.0.0/8",
                    "--trust-anchor", testbed.trustAnchorFile().toString(), "--opt-out", testbed.optOutFile().toString(),
                    "--no-smtp", "--no-http"));
            roles.add(role(dir, "aggregator", "aggregator", "--kafka", broker.bootstrapServers(), "--data",
                    dir.resolve("store").toString(), "--metrics", "127.0.0.1:0"));
            int coordinatorPort = metricsPort(roles.get(0), dir.resolve("coordinator.log"));
            int workerPort = metricsPort(roles.get(1), dir.resolve("worker.log"));
            int aggregatorPort = metricsPort(roles.get(2), dir.resolve("aggregator.log"));

            String topic = kafka.topics().scanTasks();
            awaitScrape(coordinatorPort, roles.get(0), dir.resolve("coordinator.log"),
                    "mailcensus_round_tasks\\{count=\"enqueued\",round=\"[^\"]+\"\\} [1-9]",
                    "mailcensus_queue_lag\\{topic=\"" + Pattern.quote(topic) + "\"\\} \\d");
            awaitScrape(workerPort, roles.get(1), dir.resolve("worker.log"),
                    "mailcensus_queue_lag\\{topic=\"" + Pattern.quote(topic) + "\"\\} \\d",
                    "mailcensus_round_tasks\\{count=\"probed\",round=\"[^\"]+\"\\} [1-9]");
            awaitScrape(aggregatorPort, roles.get(2), dir.resolve("aggregator.log"),
                    "mailcensus_round_tasks\\{count=\"done\",round=\"[^\"]+\"\\} [1-9]",
                    "mailcensus_round_tasks\\{count=\"enqueued\",round=\"[^\"]+\"\\} [1-9]",
                    "mailcensus_queue_lag\\{topic=\"" + Pattern.quote(kafka.topics().domainResults()) + "\"\\} \\d");
        } finally {
            for (Process p : roles) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    /** Scrapes until every pattern matches a line (the first round takes a few seconds to show). */
    private void awaitScrape(int port, Process role, Path log, String... patterns) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            assertThat(role.isAlive()).as(tail(log)).isTrue();
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                body = r.body();
                String b = body;
                if (r.statusCode() == 200 && java.util.Arrays.stream(patterns)
                        .allMatch(p -> Pattern.compile("(?m)^" + p).matcher(b).find())) {
                    return;
                }
            } catch (IOException notYet) {
                // the endpoint starts with the role
            }
            Thread.sleep(500);
        }
        String b = body;
        assertThat(java.util.Arrays.stream(patterns).filter(p -> !Pattern.compile("(?m)^" + p).matcher(b).find()).toList())
                .as("unmatched on :" + port + "\n" + b.lines().filter(l -> l.startsWith("mailcensus_")).toList()
                        + "\n" + tail(log))
                .isEmpty();
    }

    private static Process role(Path dir, String name, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--sun-misc-unsafe-memory-access=allow",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
    }

    /** The port a role started with {@code --metrics 127.0.0.1:0} says it serves on. */
    static int metricsPort(Process role, Path log) throws Exception {
        Pattern served = Pattern.compile("metrics at http://127\\.0\\.0\\.1:(\\d+)");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(role.isAlive()).as(tail(log)).isTrue();
            if (Files.exists(log)) {
                var m = served.matcher(Files.readString(log));
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no 'metrics at' line in " + log + ":\n" + tail(log));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
