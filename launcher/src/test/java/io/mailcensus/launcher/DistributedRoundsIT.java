package io.mailcensus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.aggregator.StoreWriter;
import io.mailcensus.core.port.ResultStore;
import io.mailcensus.core.port.ScanRecord;
import io.mailcensus.kafka.broker.EmbeddedKafka;
import io.mailcensus.kafka.client.KafkaSettings;
import io.mailcensus.kafka.result.KafkaResultConsumer;
import io.mailcensus.kafka.result.KafkaResultSink;
import io.mailcensus.kafka.serde.Serdes;
import io.mailcensus.kafka.topic.RoundMarker;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.DomainStatus;
import io.mailcensus.schemas.ScanTask;
import io.mailcensus.store.ChdbStore;
import io.mailcensus.store.schema.ScanTable;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every distributed round is a scan: the real coordinator command and the aggregator (result
 * consumer and store writer into the embedded store) on a real KRaft broker. The worker is a
 * stand-in that answers each scan task with a minimal result: what is under test is the round's
 * bookkeeping, not the probing (LocalClusterIT covers that).
 */
@Timeout(300)
class DistributedRoundsIT {

    @TempDir
    Path dir;

    @Test
    void aOneShotRoundGoesFromFeedingToFinishedWithItsCountsAndOneMarkerPerPartition() throws Exception {
        Path list = dir.resolve("list.txt");
        List<String> domains = IntStream.range(0, 40).mapToObj(i -> "d" + i + ".example").toList();
        List<String> lines = new ArrayList<>(domains);
        lines.add("not a domain!");
        Files.write(list, lines);
        Path data = dir.resolve("data");
        try (EmbeddedKafka broker = EmbeddedKafka.start()) {
            KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
            broker.createTopics(kafka.topics().all(), 3);
            List<ScanTask> tasks = new ArrayList<>();
            AtomicInteger markers = new AtomicInteger();
            try (ResultStore store = ChdbStore.open(data)) {
                store.migrate();
                try (StoreWriter writer = new StoreWriter(store, 500, Duration.ofMillis(200));
                        KafkaResultConsumer aggregator = new KafkaResultConsumer(kafka,
                                new KafkaResultConsumer.Options("aggregator", 500, Duration.ofMillis(200)), writer)) {
                    aggregator.start();
                    CommandRun fed = CommandRun.of("coordinator", "--kafka", broker.bootstrapServers(), "--scan-id",
                            "round-1", list.toString());
                    assertThat(fed.code()).as(fed.err()).isZero();

                    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumer("stand-in", "w"))) {
                        consumer.subscribe(List.of(kafka.topics().scanTasks()));
                        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                        while ((tasks.size() < 40 || markers.get() < 3) && System.nanoTime() < deadline) {
                            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                                if (RoundMarker.scanId(r.headers()).isPresent()) {
                                    markers.incrementAndGet();
                                } else {
                                    tasks.add(Serdes.SCAN_TASK.decode(r.value()));
                                }
                            }
                        }
                        Thread.sleep(1_000);
                        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                            markers.incrementAndGet(); // nothing more may come: a second set of markers would
                        }
                    }
                    assertThat(tasks).hasSize(40);
                    assertThat(markers.get()).as("end-of-round markers: one per partition, written once").isEqualTo(3);

                    answer(kafka, tasks.subList(0, 20));
                    ScanRecord half = await(store, "round-1", r -> r.domainsDone() == 20);
                    assertThat(half.state()).isEqualTo("fed");
                    assertThat(half.enqueued()).isEqualTo(40);
                    assertThat(half.inFlight()).isEqualTo(20);
                    assertThat(half.rejected()).isEqualTo(1);
                    assertThat(half.feedingFinished()).isNotNull();
                    assertThat(half.finished()).isNull();

                    answer(kafka, tasks.subList(15, 40)); // five re-delivered: counted once
                    ScanRecord done = await(store, "round-1", r -> r.state().equals("finished"));
                    assertThat(done.domainsDone()).isEqualTo(40);
                    assertThat(done.inFlight()).isZero();
                    assertThat(done.finished()).isNotNull();
                }
            }
        }
        CommandRun scans = CommandRun.of("scans", "--data", data.toString());
        assertThat(scans.out()).containsPattern("round-1\\s+finished\\s+41\\s+40\\s+1\\s+40\\s+0");
    }

    @Test
    void continuousRoundsFinishAndARestartedCoordinatorNeitherSkipsNorRepeatsASlot() throws Exception {
        Path list = dir.resolve("list.txt");
        List<String> domains = IntStream.range(0, 30).mapToObj(i -> "c" + i + ".example").toList();
        Files.write(list, domains);
        Path data = dir.resolve("data");
        Map<String, Map<String, Integer>> tasksPerRound = new ConcurrentHashMap<>();
        try (EmbeddedKafka broker = EmbeddedKafka.start()) {
            KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
            broker.createTopics(kafka.topics().all(), 3);
            try (ResultStore store = ChdbStore.open(data)) {
                store.migrate();
                try (StoreWriter writer = new StoreWriter(store, 500, Duration.ofMillis(200));
                        KafkaResultConsumer aggregator = new KafkaResultConsumer(kafka,
                                new KafkaResultConsumer.Options("aggregator", 500, Duration.ofMillis(200)), writer)) {
                    aggregator.start();
                    Thread worker = Thread.ofPlatform().start(() -> standIn(kafka, tasksPerRound));
                    String[] args = {"coordinator", "--kafka", broker.bootstrapServers(), "--every", "20s",
                            list.toString()};
                    // the coordinator's first round is partial (it starts mid-round); the next one is whole
                    Instant next = Instant.ofEpochMilli((System.currentTimeMillis() / 20_000 + 1) * 20_000);
                    String whole = next.toString();
                    Thread first = coordinator(args);
                    while (Instant.now().isBefore(next.plusSeconds(8))) {
                        Thread.sleep(100);
                    }
                    first.interrupt(); // stopped mid-round...
                    first.join(30_000);
                    Thread.sleep(2_000);
                    Thread second = coordinator(args); // ...and started again
                    try {
                        ScanRecord r = await(store, whole, s -> s.state().equals("finished"));
                        assertThat(r.enqueued()).isEqualTo(30);
                        assertThat(r.domainsDone()).isEqualTo(30);
                        assertThat(tasksPerRound.get(whole)).as("each domain fed once in the round").hasSize(30)
                                .allSatisfy((d, n) -> assertThat(n).as(d).isEqualTo(1));
                        List<ScanRecord> all = ScanTable.read(store, "SELECT * FROM scans FINAL ORDER BY started");
                        ScanRecord partial = all.getFirst();
                        assertThat(partial.id()).isNotEqualTo(whole);
                        assertThat(partial.state()).isEqualTo("finished");
                        assertThat(partial.domainsDone()).isEqualTo(partial.enqueued());
                    } finally {
                        second.interrupt();
                        second.join(30_000);
                        worker.interrupt();
                        worker.join(30_000);
                    }
                }
            }
        }
    }

    private static Thread coordinator(String[] args) {
        return Thread.ofPlatform().start(() -> Main.run(args, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter())));
    }

    /** A worker stand-in: answers every scan task with a minimal result, until interrupted. */
    private static void standIn(KafkaSettings kafka, Map<String, Map<String, Integer>> tasksPerRound) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumer("stand-in", "w"));
                KafkaResultSink sink = new KafkaResultSink(kafka)) {
            consumer.subscribe(List.of(kafka.topics().scanTasks()));
            while (!Thread.currentThread().isInterrupted()) {
                List<ScanTask> batch = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (RoundMarker.scanId(r.headers()).isEmpty()) {
                        batch.add(Serdes.SCAN_TASK.decode(r.value()));
                    }
                }
                batch.forEach(t -> {
                    tasksPerRound.computeIfAbsent(t.getScanId(), k -> new ConcurrentHashMap<>())
                            .merge(t.getDomain(), 1, Integer::sum);
                    sink.publish(result(t));
                });
                sink.flush();
            }
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            // stopped
        }
    }

    private static void answer(KafkaSettings kafka, List<ScanTask> tasks) {
        try (KafkaResultSink sink = new KafkaResultSink(kafka)) {
            tasks.forEach(t -> sink.publish(result(t)));
            sink.flush();
        }
    }

    private static DomainResult result(ScanTask t) {
        Instant now = Instant.now();
        return DomainResult.newBuilder().setScanId(t.getScanId()).setDomain(t.getDomain())
                .setDomainUnicode(t.getDomainUnicode()).setStatus(DomainStatus.values()[0]).setStartedAt(now)
                .setFinishedAt(now).build();
    }

    private static ScanRecord await(ResultStore store, String id, Predicate<ScanRecord> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Optional<ScanRecord> last = Optional.empty();
        while (System.nanoTime() < deadline) {
            List<ScanRecord> rows = ScanTable.read(store, "SELECT * FROM scans FINAL WHERE id = " + ScanTable.quote(id));
            last = rows.stream().findFirst();
            if (last.isPresent() && condition.test(last.get())) {
                return last.get();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("scan " + id + " not as expected within 90 s; last row: " + last);
    }
}
