package io.mailcensus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.aggregator.StoreWriter;
import io.mailcensus.coordinator.ScanFeeder;
import io.mailcensus.coordinator.input.ListFileSource;
import io.mailcensus.kafka.broker.EmbeddedKafka;
import io.mailcensus.kafka.client.KafkaSettings;
import io.mailcensus.kafka.result.KafkaResultConsumer;
import io.mailcensus.kafka.work.KafkaWorkSink;
import io.mailcensus.store.ChdbStore;
import io.mailcensus.testbed.DnsTestbed;
import io.mailcensus.testbed.TestbedOptions;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A fault test on the real broker: two worker processes share a round of 10,000 domains; one is
 * killed with SIGKILL in the middle, and later the aggregator is stopped and a new one started.
 * The surviving worker takes over the dead one's partitions, the round completes, and every
 * domain is in the store exactly once by key, however many results Kafka re-delivered.
 */
class WorkerCrashIT {

    private static final int DOMAINS = 10_000;
    private static final String ROUND = "crash-1";

    @Test
    void aWorkerKilledMidRoundLosesNothingAndDoublesNothing() throws Exception {
        Path dir = Files.createTempDirectory("mailcensus-crash-it");
        try (DnsTestbed testbed = DnsTestbed.start(TestbedOptions.of(dir.resolve("testbed"), DOMAINS, 77L));
                EmbeddedKafka broker = EmbeddedKafka.start();
                ChdbStore store = ChdbStore.open(dir.resolve("store"))) {
            store.migrate();
            KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
            Map<String, Integer> topics = new LinkedHashMap<>();
            kafka.topics().all().forEach(t -> topics.put(t, 12));
            broker.createTopics(topics);

            try (StoreWriter writer = new StoreWriter(store, 5_000, Duration.ofSeconds(1))) {
                KafkaResultConsumer aggregator = new KafkaResultConsumer(kafka, KafkaResultConsumer.Options.defaults(), writer);
                aggregator.start();
                Process victim = worker(testbed, broker, dir.resolve("victim.log"));
                Process survivor = worker(testbed, broker, dir.resolve("survivor.log"));
                try (KafkaWorkSink sink = new KafkaWorkSink(kafka)) {
                    new ScanFeeder(sink, Clock.systemUTC()).feed(ROUND, ListFileSource.of(testbed.domainsFile()), d -> false);
                    sink.finish(ROUND);
                }
                while (aggregator.consumed() < DOMAINS / 4) {
                    assertThat(survivor.isAlive()).as(log(dir, "survivor.log")).isTrue();
                    Thread.sleep(200);
                }
                long consumedAtKill = aggregator.consumed();
                victim.destroyForcibly(); // SIGKILL: no commit, no goodbye to the group
                Instant killed = Instant.now();
                assertThat(victim.waitFor(10, TimeUnit.SECONDS)).isTrue();

                // then the aggregator goes down in the middle of the round, and a new one takes over
                while (aggregator.consumed() < DOMAINS / 2 && survivor.isAlive()) {
                    Thread.sleep(200);
                }
                long readByFirst = aggregator.consumed();
                aggregator.close();
                aggregator = new KafkaResultConsumer(kafka, KafkaResultConsumer.Options.defaults(), writer);
                aggregator.start();

                assertThat(survivor.waitFor(10, TimeUnit.MINUTES)).as(log(dir, "survivor.log")).isTrue();
                assertThat(survivor.exitValue()).as(log(dir, "survivor.log")).isZero();
                Duration recovery = Duration.between(killed, Instant.now());
                long last = -1;
                while (!aggregator.caughtUp() || aggregator.consumed() != last) {
                    last = aggregator.consumed();
                    Thread.sleep(1_000);
                }
                writer.flush();
                long stored = count(store, "SELECT count() FROM domain_results FINAL WHERE scan_id = '" + ROUND + "'");
                long distinct = count(store, "SELECT uniqExact(domain) FROM domain_results WHERE scan_id = '" + ROUND + "'");
                long raw = count(store, "SELECT count() FROM domain_results WHERE scan_id = '" + ROUND + "'");
                System.out.printf("worker crash: %,d domains, worker killed after %,d results, aggregator restarted after "
                                + "%,d; round done %d s after the kill; %,d results read from Kafka by the two aggregators, "
                                + "%,d domain rows in the table, %,d after dedup by key%n",
                        DOMAINS, consumedAtKill, readByFirst, recovery.toSeconds(), readByFirst + aggregator.consumed(),
                        raw, stored);
                aggregator.close();
                assertThat(stored).isEqualTo(DOMAINS);
                assertThat(distinct).isEqualTo(DOMAINS);
                assertThat(raw).isGreaterThanOrEqualTo(DOMAINS);
            }
        }
    }

    private static Process worker(DnsTestbed testbed, EmbeddedKafka broker, Path log) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String resolver = testbed.resolver().getAddress().getHostAddress() + ":" + testbed.resolver().getPort();
        List<String> command = new ArrayList<>(List.of(java, "--sun-misc-unsafe-memory-access=allow",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "worker", "--kafka", broker.bootstrapServers(), "--round", ROUND,
                "--resolver", resolver, "--allow-address", "127.0.0.0/8", "--timeout", "2s", "--retries", "1",
                "--trust-anchor", testbed.trustAnchorFile().toString(), "--opt-out", testbed.optOutFile().toString(),
                "--no-smtp", "--no-http"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String log(Path dir, String name) {
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
