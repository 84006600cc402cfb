package io.mailcensus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.aggregator.StoreWriter;
import io.mailcensus.coordinator.ScanFeeder;
import io.mailcensus.coordinator.input.ListFileSource;
import io.mailcensus.kafka.broker.EmbeddedKafka;
import io.mailcensus.kafka.client.KafkaSettings;
import io.mailcensus.kafka.result.KafkaResultConsumer;
import io.mailcensus.kafka.work.KafkaWorkSink;
import io.mailcensus.launcher.cluster.WorkerRole;
import io.mailcensus.store.ChdbStore;
import io.mailcensus.testbed.DnsTestbed;
import io.mailcensus.testbed.TestbedOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Partitions moving mid-round, with worker processes on the real broker over the DNS testbed:
 * workers joining (a scale-up) and a worker stopped with SIGTERM. Each domain is probed about
 * once (the domains probed, summed over the workers' own counts, divided by the round's size,
 * is printed), none is missing from the store, and a stopped worker leaves its group at once.
 */
class WorkerRebalanceIT {

    private static final int DOMAINS = 3_000;
    private static final Pattern DONE = Pattern.compile("worker done: ([\\d,]+) domains probed");

    private static Path dir;
    private static DnsTestbed testbed;
    private static EmbeddedKafka broker;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("mailcensus-rebalance-it");
        testbed = DnsTestbed.start(TestbedOptions.of(dir.resolve("testbed"), DOMAINS, 78L));
        broker = EmbeddedKafka.start();
    }

    @AfterAll
    static void stop() throws Exception {
        try (DnsTestbed t = testbed; EmbeddedKafka b = broker) {
            // closed in reverse order
        }
    }

    @Test
    void workersJoiningMidRoundProbeEachDomainAboutOnce() throws Exception {
        String round = "scale-up-1";
        KafkaSettings kafka = topics("up.", 12);
        try (ChdbStore store = ChdbStore.open(dir.resolve("store-up"));
                StoreWriter writer = new StoreWriter(store, 5_000, Duration.ofSeconds(1))) {
            store.migrate();
            KafkaResultConsumer aggregator = new KafkaResultConsumer(kafka, KafkaResultConsumer.Options.defaults(), writer);
            aggregator.start();
            List<Process> workers = new ArrayList<>();
            workers.add(worker(kafka, round, "up-0.log"));
            feed(kafka, round);
            while (aggregator.consumed() < DOMAINS / 5) {
                assertThat(workers.getFirst().isAlive()).as(log("up-0.log")).isTrue();
                Thread.sleep(100);
            }
            long atScaleUp = aggregator.consumed();
            workers.add(worker(kafka, round, "up-1.log"));
            workers.add(worker(kafka, round, "up-2.log"));
            for (int i = 0; i < workers.size(); i++) {
                assertThat(workers.get(i).waitFor(10, TimeUnit.MINUTES)).as(log("up-" + i + ".log")).isTrue();
                assertThat(workers.get(i).exitValue()).as(log("up-" + i + ".log")).isZero();
            }
            drain(aggregator, writer);
            aggregator.close();

            long probed = 0;
            for (int i = 0; i < workers.size(); i++) {
                probed += probedBy("up-" + i + ".log");
            }
            long stored = count(store, "SELECT count() FROM domain_results FINAL WHERE scan_id = '" + round + "'");
            System.out.printf("scale-up: %,d domains, 2 workers joined the first after %,d results; %,d probes in all "
                    + "(%.3f per domain), %,d domains in the store%n", DOMAINS, atScaleUp, probed,
                    (double) probed / DOMAINS, stored);
            assertThat(stored).isEqualTo(DOMAINS);
            assertThat(probed).isGreaterThanOrEqualTo(DOMAINS);
            // what may be probed twice is what was running at a revocation and outlived the grace
            assertThat(probed - DOMAINS).as("domains probed twice").isLessThan(DOMAINS / 20);
        }
    }

    @Test
    void aWorkerStoppedWithSigtermDrainsCommitsAndLeavesItsGroupAtOnce() throws Exception {
        String round = "sigterm-1";
        KafkaSettings kafka = topics("term.", 12);
        try (ChdbStore store = ChdbStore.open(dir.resolve("store-term"));
                StoreWriter writer = new StoreWriter(store, 5_000, Duration.ofSeconds(1));
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            store.migrate();
            KafkaResultConsumer aggregator = new KafkaResultConsumer(kafka, KafkaResultConsumer.Options.defaults(), writer);
            aggregator.start();
            Process victim = worker(kafka, round, "term-victim.log");
            Process survivor = worker(kafka, round, "term-survivor.log", "--metrics", "127.0.0.1:0");
            int metricsPort = RoleMetricsIT.metricsPort(survivor, dir.resolve("term-survivor.log"));
            feed(kafka, round);
            while (aggregator.consumed() < DOMAINS / 4) {
                assertThat(victim.isAlive()).as(log("term-victim.log")).isTrue();
                Thread.sleep(100);
            }
            String scrape = scrape(metricsPort);
            assertThat(scrape).as("the worker's lag on its task topics and its gates")
                    .contains("mailcensus_queue_lag{topic=\"term.scan-tasks\"}",
                            "mailcensus_queue_lag{topic=\"term.mx-probe-tasks\"}",
                            "mailcensus_gates{kind=\"smtp\",state=\"tracked\"}");
            long membersBefore = members(admin);
            long t0 = System.nanoTime();
            victim.destroy(); // SIGTERM
            assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
            double stoppedIn = (System.nanoTime() - t0) / 1e9;
            long membersAfter = members(admin);
            double leftIn = (System.nanoTime() - t0) / 1e9;

            assertThat(survivor.waitFor(10, TimeUnit.MINUTES)).as(log("term-survivor.log")).isTrue();
            assertThat(survivor.exitValue()).as(log("term-survivor.log")).isZero();
            drain(aggregator, writer);
            aggregator.close();
            long probed = probedBy("term-victim.log") + probedBy("term-survivor.log");
            long stored = count(store, "SELECT count() FROM domain_results FINAL WHERE scan_id = '" + round + "'");
            System.out.printf("SIGTERM: the worker exited %.1f s after the signal (code %d); group members %d before, "
                    + "%d when it had exited (read %.1f s after the signal); %,d probes for %,d domains (%.3f per "
                    + "domain), %,d domains in the store%n", stoppedIn, victim.exitValue(), membersBefore, membersAfter,
                    leftIn, probed, DOMAINS, (double) probed / DOMAINS, stored);
            assertThat(log("term-victim.log")).contains("worker done");
            assertThat(membersBefore).isEqualTo(2);
            assertThat(membersAfter).as("the stopped worker left its group instead of timing out").isEqualTo(1);
            assertThat(stored).isEqualTo(DOMAINS);
            assertThat(probed - DOMAINS).as("domains probed twice").isLessThan(DOMAINS / 20);
        }
    }

    private static KafkaSettings topics(String prefix, int partitions) {
        KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers())
                .withTopics(new io.mailcensus.kafka.topic.Topics(prefix));
        Map<String, Integer> topics = new LinkedHashMap<>();
        kafka.topics().all().forEach(t -> topics.put(t, partitions));
        broker.createTopics(topics);
        return kafka;
    }

    private static void feed(KafkaSettings kafka, String round) throws Exception {
        try (KafkaWorkSink sink = new KafkaWorkSink(kafka)) {
            new ScanFeeder(sink, Clock.systemUTC()).feed(round, ListFileSource.of(testbed.domainsFile()), d -> false);
            sink.finish(round);
        }
    }

    /** Members of the workers' scan-task group right now. */
    private static long members(Admin admin) throws Exception {
        return admin.describeConsumerGroups(List.of(WorkerRole.SCAN_GROUP)).all().get(30, TimeUnit.SECONDS)
                .get(WorkerRole.SCAN_GROUP).members().size();
    }

    private static void drain(KafkaResultConsumer aggregator, StoreWriter writer) throws Exception {
        long last = -1;
        while (!aggregator.caughtUp() || aggregator.consumed() != last) {
            last = aggregator.consumed();
            Thread.sleep(1_000);
        }
        writer.flush();
    }

    private static String scrape(int port) throws Exception {
        try (var client = java.net.http.HttpClient.newHttpClient()) {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .build();
            return client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    private static Process worker(KafkaSettings kafka, String round, String logName, String... extra)
            throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String resolver = testbed.resolver().getAddress().getHostAddress() + ":" + testbed.resolver().getPort();
        List<String> command = new ArrayList<>(List.of(java, "--sun-misc-unsafe-memory-access=allow",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "worker", "--kafka", broker.bootstrapServers(), "--topic-prefix", kafka.topics().prefix(),
                "--round", round, "--concurrency", "32",
                "--resolver", resolver, "--allow-address", "127.0.0.0/8", "--timeout", "2s", "--retries", "1",
                "--trust-anchor", testbed.trustAnchorFile().toString(), "--opt-out", testbed.optOutFile().toString(),
                "--no-smtp", "--no-http"));
        command.addAll(List.of(extra));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(logName).toFile()).start();
    }

    private static long probedBy(String logName) throws Exception {
        Matcher m = DONE.matcher(Files.readString(dir.resolve(logName)));
        assertThat(m.find()).as(log(logName)).isTrue();
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    private static String log(String name) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve(name));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (Exception e) {
            return "(no log: " + e + ")";
        }
    }

    private static long count(ChdbStore store, String sql) {
        return Long.parseLong(store.query(sql, "TabSeparated").strip());
    }
}
