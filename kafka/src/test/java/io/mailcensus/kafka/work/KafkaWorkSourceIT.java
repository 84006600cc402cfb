package io.mailcensus.kafka.work;

import static io.mailcensus.kafka.Messages.mxProbe;
import static io.mailcensus.kafka.Messages.scanTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.kafka.broker.EmbeddedKafka;
import io.mailcensus.kafka.client.KafkaSettings;
import io.mailcensus.kafka.serde.Serdes;
import io.mailcensus.kafka.topic.TopicKeys;
import io.mailcensus.kafka.topic.Topics;
import io.mailcensus.schemas.MxProbeTask;
import io.mailcensus.schemas.ScanTask;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The work topics on a real KRaft broker (EmbeddedKafka). Each test has its own topics and group. */
@Timeout(180)
class KafkaWorkSourceIT {

    private static final Logger log = LoggerFactory.getLogger(KafkaWorkSourceIT.class);
    private static EmbeddedKafka kafka;
    private static final AtomicInteger testNo = new AtomicInteger();

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = EmbeddedKafka.start();
        log.info("broker started in {} ms", kafka.startup().toMillis());
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private static KafkaSettings settings(int partitions) {
        Topics topics = new Topics("it" + testNo.incrementAndGet() + ".");
        kafka.createTopics(topics.all(), partitions);
        return KafkaSettings.of(kafka.bootstrapServers()).withTopics(topics);
    }

    @Test
    void tenThousandTasksThroughTwoCompetingConsumersAreAllDeliveredAcknowledgedAndCommitted() throws Exception {
        KafkaSettings s = settings(12);
        var options = KafkaTaskSource.Options.endless("workers").untilEndOfRound("scan-1");
        AtomicInteger flushes = new AtomicInteger();
        try (var a = new KafkaWorkSource(s, options, flushes::incrementAndGet);
                var b = new KafkaWorkSource(s, options, flushes::incrementAndGet)) {
            WorkerLoop wa = new WorkerLoop(a, t -> true);
            WorkerLoop wb = new WorkerLoop(b, t -> true);
            Thread ta = Thread.ofPlatform().start(wa);
            Thread tb = Thread.ofPlatform().start(wb);
            awaitAssigned(a, b);

            long t0 = System.nanoTime();
            try (var sink = new KafkaWorkSink(s)) {
                for (int i = 0; i < 10_000; i++) {
                    sink.submit(scanTask("scan-1", "d" + i + ".ch"));
                }
                sink.finish();
            }
            ta.join();
            tb.join();
            double seconds = (System.nanoTime() - t0) / 1e9;
            log.info("10,000 tasks produced, consumed by two workers, acknowledged and committed in {} s: {} tasks/s",
                    String.format("%.2f", seconds), Math.round(10_000 / seconds));

            assertThat(wa.failure).isNull();
            assertThat(wb.failure).isNull();
            Set<String> all = new HashSet<>(wa.acknowledged);
            all.addAll(wb.acknowledged);
            assertThat(all).hasSize(10_000);
            assertThat(wa.received).as("both consumers got work").isNotEmpty();
            assertThat(wb.received).as("both consumers got work").isNotEmpty();
            assertThat(flushes).as("results flushed before commits").hasPositiveValue();
            assertCommittedToTheEnd(s.topics().scanTasks(), "workers", "end-of-round scan-1");
        }
    }

    @Test
    void consumerClosedWithoutAcknowledgingHasItsTasksRedeliveredToTheOther() throws Exception {
        KafkaSettings s = settings(4);
        var options = KafkaTaskSource.Options.endless("workers").untilEndOfRound("scan-2");
        try (var sink = new KafkaWorkSink(s)) {
            for (int i = 0; i < 400; i++) {
                sink.submit(scanTask("scan-2", "d" + i + ".ch"));
            }
            sink.finish();
        }
        // the first worker takes everything, finishes only the even ones, and goes away
        Set<String> taken = new HashSet<>();
        Set<String> unacknowledged = new HashSet<>();
        try (var first = new KafkaWorkSource(s, options, () -> {})) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (taken.size() < 400 && System.nanoTime() < deadline) {
                List<ScanTask> tasks = first.poll(100, Duration.ofMillis(200));
                List<ScanTask> done = new ArrayList<>();
                for (ScanTask t : tasks) {
                    taken.add(t.getDomain());
                    if (number(t) % 2 == 0) {
                        done.add(t);
                    } else {
                        unacknowledged.add(t.getDomain());
                    }
                }
                first.acknowledge(done);
            }
            assertThat(first.exhausted()).isFalse();
        }
        assertThat(taken).hasSize(400);

        try (var second = new KafkaWorkSource(s, options, () -> {})) {
            WorkerLoop w = new WorkerLoop(second, t -> true);
            w.run();
            assertThat(w.failure).isNull();
            // the commit stops at the first unacknowledged task of each partition; its metadata
            // lists the acknowledged ones above it (DoneOffsets), so none of those comes again
            assertThat(w.received).as("exactly the unacknowledged tasks come again")
                    .containsExactlyInAnyOrderElementsOf(unacknowledged);
        }
        assertCommittedToTheEnd(s.topics().scanTasks(), "workers", "end-of-round scan-2");
    }

    @Test
    void acknowledgedTasksAreCommittedWhenTheirPartitionsMoveToAnotherMember() throws Exception {
        partitionsMoveWithoutRedeliveringAcknowledgedTasks(settings(4));
    }

    /** Brokers before 4.0 (or a --kafka-config saying so) use the classic group protocol. */
    @Test
    void acknowledgedTasksAreCommittedWhenTheirPartitionsMoveUnderTheClassicProtocol() throws Exception {
        partitionsMoveWithoutRedeliveringAcknowledgedTasks(settings(4).with("group.protocol", "classic"));
    }

    private static void partitionsMoveWithoutRedeliveringAcknowledgedTasks(KafkaSettings s) throws Exception {
        try (var sink = new KafkaWorkSink(s)) {
            IntStream.range(0, 400).forEach(i -> sink.submit(scanTask("scan-r", "d" + i + ".ch")));
            sink.finish();
        }
        // no periodic commits: only a revoke (or close) commits what the first member did
        var quiet = KafkaTaskSource.Options.endless("workers").untilEndOfRound("scan-r")
                .withCommitInterval(Duration.ofHours(1));
        try (var first = new KafkaWorkSource(s, quiet, () -> {})) {
            List<ScanTask> all = pollUntil(first, 400);
            first.acknowledge(all);
            try (var second = new KafkaWorkSource(s, quiet, () -> {})) {
                WorkerLoop w = new WorkerLoop(second, t -> true);
                Thread t = Thread.ofPlatform().start(w);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (first.tasks().assignment().size() == 4 && System.nanoTime() < deadline) {
                    first.poll(10, Duration.ofMillis(100)); // takes part in the rebalance
                }
                assertThat(first.tasks().assignment()).as("partitions moved").hasSizeLessThan(4);
                first.close(); // commits the rest
                t.join();
                assertThat(w.failure).isNull();
                assertThat(w.received).as("nothing acknowledged is delivered again").isEmpty();
            }
        }
        assertCommittedToTheEnd(s.topics().scanTasks(), "workers", "end-of-round scan-r");
    }

    @Test
    void wakeupEndsABlockedPoll() throws Exception {
        KafkaSettings s = settings(1);
        try (var source = new KafkaWorkSource(s, KafkaTaskSource.Options.endless("workers"), () -> {})) {
            List<List<ScanTask>> got = new ArrayList<>();
            Thread t = Thread.ofPlatform().start(() -> {
                try {
                    got.add(source.poll(10, Duration.ofMinutes(5)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Thread.sleep(1_000);
            source.wakeup();
            t.join(30_000);
            assertThat(t.isAlive()).isFalse();
            assertThat(got).containsExactly(List.of());
        }
    }

    @Test
    void memberWithoutPartitionsStillLearnsThatTheRoundIsOver() throws Exception {
        KafkaSettings s = settings(1);
        var options = KafkaTaskSource.Options.endless("workers").untilEndOfRound("scan-3");
        try (var a = new KafkaWorkSource(s, options, () -> {});
                var b = new KafkaWorkSource(s, options, () -> {})) {
            WorkerLoop wa = new WorkerLoop(a, t -> true);
            WorkerLoop wb = new WorkerLoop(b, t -> true);
            Thread ta = Thread.ofPlatform().start(wa);
            Thread tb = Thread.ofPlatform().start(wb);
            try (var sink = new KafkaWorkSink(s)) {
                IntStream.range(0, 100).forEach(i -> sink.submit(scanTask("scan-3", "d" + i + ".ch")));
                sink.finish();
            }
            ta.join();
            tb.join();
            assertThat(wa.failure).isNull();
            assertThat(wb.failure).isNull();
            assertThat(a.exhausted()).isTrue();
            assertThat(b.exhausted()).isTrue();
            Set<String> all = new HashSet<>(wa.acknowledged);
            all.addAll(wb.acknowledged);
            assertThat(all).hasSize(100);
        }
    }

    @Test
    void roundWithoutTasksEndsToo() throws Exception {
        KafkaSettings s = settings(3);
        try (var sink = new KafkaWorkSink(s)) {
            sink.finish("scan-empty");
        }
        var options = KafkaTaskSource.Options.endless("workers").untilEndOfRound("scan-empty");
        try (var source = new KafkaWorkSource(s, options, () -> {})) {
            WorkerLoop w = new WorkerLoop(source, t -> true);
            w.run();
            assertThat(w.failure).isNull();
            assertThat(w.received).isEmpty();
        }
    }

    @Test
    void endlessSourceIsNeverExhaustedAndTheNextRoundsMarkerIsNotOurs() throws Exception {
        KafkaSettings s = settings(2);
        try (var sink = new KafkaWorkSink(s)) {
            sink.submit(scanTask("scan-a", "one.ch"));
            sink.finish();
        }
        try (var endless = new KafkaWorkSource(s, KafkaTaskSource.Options.endless("endless"), () -> {});
                var other = new KafkaWorkSource(s,
                        KafkaTaskSource.Options.endless("other").untilEndOfRound("scan-b"), () -> {})) {
            List<ScanTask> got = pollUntil(endless, 1);
            endless.acknowledge(got);
            List<ScanTask> gotOther = pollUntil(other, 1);
            other.acknowledge(gotOther);
            endless.poll(10, Duration.ofMillis(300));
            other.poll(10, Duration.ofMillis(300));
            assertThat(endless.exhausted()).isFalse();
            assertThat(other.exhausted()).as("scan-a's marker does not end scan-b").isFalse();
        }
    }

    @Test
    void poisonMessageIsSkippedAndCountedNotFatal() throws Exception {
        KafkaSettings s = settings(1);
        try (var raw = new KafkaProducer<byte[], byte[]>(s.producer("raw"))) {
            raw.send(new ProducerRecord<>(s.topics().scanTasks(), "x".getBytes(StandardCharsets.UTF_8),
                    "not avro".getBytes(StandardCharsets.UTF_8))).get();
        }
        try (var sink = new KafkaWorkSink(s)) {
            sink.submit(scanTask("scan-p", "good.ch"));
            sink.finish();
        }
        var options = KafkaTaskSource.Options.endless("workers").untilEndOfRound("scan-p");
        try (var source = new KafkaWorkSource(s, options, () -> {})) {
            WorkerLoop w = new WorkerLoop(source, t -> true);
            w.run();
            assertThat(w.failure).isNull();
            assertThat(w.received).containsExactly("good.ch");
            assertThat(source.tasks().poisonMessages()).isEqualTo(1);
        }
        assertCommittedToTheEnd(s.topics().scanTasks(), "workers", "end-of-round scan-p");
    }

    @Test
    void tooManyTasksInFlightPausesTheConsumer() throws Exception {
        KafkaSettings s = settings(2);
        try (var sink = new KafkaWorkSink(s)) {
            IntStream.range(0, 3_000).forEach(i -> sink.submit(scanTask("scan-f", "d" + i + ".ch")));
            sink.finish();
        }
        var options = KafkaTaskSource.Options.endless("workers").untilEndOfRound("scan-f").withMaxInFlight(100);
        try (var source = new KafkaWorkSource(s, options, () -> {})) {
            List<ScanTask> held = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (held.size() < 100 && System.nanoTime() < deadline) {
                held.addAll(source.poll(1000, Duration.ofMillis(200)));
            }
            // with every task held, more polls hand out only what was already fetched
            for (int i = 0; i < 5; i++) {
                held.addAll(source.poll(1000, Duration.ofMillis(100)));
            }
            assertThat(held.size()).as("fetched before pausing: at most one poll's records beyond the bound")
                    .isLessThan(100 + 2 * 2000);
            int before = held.size();
            for (int i = 0; i < 3; i++) {
                held.addAll(source.poll(1000, Duration.ofMillis(100)));
            }
            assertThat(held).hasSize(before);
            source.acknowledge(held);
            WorkerLoop w = new WorkerLoop(source, t -> true);
            w.run();
            assertThat(held.size() + w.received.size()).isEqualTo(3_000);
        }
    }

    @Test
    void mxProbeTasksOfOneIpAlwaysLandInOnePartition() throws Exception {
        KafkaSettings s = settings(12);
        List<String> ips = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ips.add(i % 2 == 0 ? "192.0.2." + i : "2001:db8::" + Integer.toHexString(i));
        }
        try (var sink = new KafkaMxProbeSink(s)) {
            for (int round = 0; round < 3; round++) {
                for (String ip : ips) {
                    for (int h = 0; h < 4; h++) {
                        sink.submit(mxProbe("scan-" + round, "mx" + h + ".host" + ip.hashCode() + ".ch", ip));
                    }
                }
            }
            sink.flush();
        }
        Map<String, Set<Integer>> partitionsOfIp = new HashMap<>();
        int read = 0;
        try (var consumer = new KafkaConsumer<byte[], byte[]>(s.consumer("reader", "reader"))) {
            List<TopicPartition> all = IntStream.range(0, 12)
                    .mapToObj(p -> new TopicPartition(s.topics().mxProbeTasks(), p)).toList();
            consumer.assign(all);
            consumer.seekToBeginning(all);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (read < 720 && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    MxProbeTask t = Serdes.MX_PROBE_TASK.decode(r.value());
                    partitionsOfIp.computeIfAbsent(t.getIp(), k -> new HashSet<>()).add(r.partition());
                    read++;
                }
            }
        }
        assertThat(read).isEqualTo(720);
        assertThat(partitionsOfIp).hasSize(60);
        // the key is the mail server's gate (an IPv6 address's /64), so each IP has one partition
        partitionsOfIp.forEach((ip, partitions) -> assertThat(partitions).as(ip)
                .containsExactly(TopicKeys.partition(TopicKeys.mxProbeTask(mxProbe("scan-0", "mx.ch", ip)), 12)));
        assertThat(partitionsOfIp.values().stream().flatMap(Set::stream).distinct().count())
                .as("the IPs spread over the partitions").isGreaterThan(6);
    }

    private static List<ScanTask> pollUntil(KafkaWorkSource source, int n) throws InterruptedException {
        List<ScanTask> got = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (got.size() < n && System.nanoTime() < deadline) {
            got.addAll(source.poll(n - got.size(), Duration.ofMillis(200)));
        }
        assertThat(got).hasSize(n);
        return got;
    }

    private static void awaitAssigned(KafkaWorkSource a, KafkaWorkSource b) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Set<TopicPartition> pa = a.tasks().assignment();
            Set<TopicPartition> pb = b.tasks().assignment();
            if (!pa.isEmpty() && !pb.isEmpty() && pa.size() + pb.size() == 12) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the two consumers did not share the partitions");
    }

    @Test
    void onRevocationTasksNotStartedGoToTheNewOwnerAndTasksFinishingWithinTheGraceAreCommittedNotRedelivered()
            throws Exception {
        KafkaSettings s = settings(4);
        var options = KafkaTaskSource.Options.endless("workers").untilEndOfRound("scan-r")
                .withRevokeGrace(Duration.ofSeconds(20));
        try (var sink = new KafkaWorkSink(s)) {
            for (int i = 0; i < 400; i++) {
                sink.submit(scanTask("scan-r", "d" + i + ".ch"));
            }
            sink.finish();
        }
        Set<ScanTask> held = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Set<String> cancelled = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Set<String> finishedInGrace = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Set<String> ackedByA = java.util.concurrent.ConcurrentHashMap.newKeySet();
        var revoked = new java.util.concurrent.atomic.AtomicBoolean();
        var releaseKept = new java.util.concurrent.atomic.AtomicBoolean();
        try (var a = new KafkaWorkSource(s, options, () -> {})) {
            // the "worker": even tasks wait for a slot (not started), odd ones run and finish 300 ms later
            a.tasks().onRevoked(h -> {
                List<ScanTask> notStarted = h.stream().filter(t -> number(t) % 2 == 0).toList();
                List<ScanTask> running = h.stream().filter(t -> number(t) % 2 == 1).toList();
                h.forEach(held::remove);
                notStarted.forEach(t -> cancelled.add(t.getDomain()));
                java.util.concurrent.CompletableFuture.delayedExecutor(300, java.util.concurrent.TimeUnit.MILLISECONDS)
                        .execute(() -> {
                            running.forEach(t -> finishedInGrace.add(t.getDomain()));
                            a.acknowledge(running);
                        });
                revoked.set(true);
                return notStarted;
            });
            List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread ta = Thread.ofPlatform().start(() -> {
                try {
                    while (!a.exhausted()) {
                        held.addAll(a.poll(500, Duration.ofMillis(100)));
                        if (releaseKept.get()) {
                            List<ScanTask> kept = List.copyOf(held);
                            kept.forEach(held::remove);
                            kept.forEach(t -> ackedByA.add(t.getDomain()));
                            a.acknowledge(kept);
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            while (a.tasks().delivered() < 400) {
                assertThat(failures).isEmpty();
                Thread.sleep(50);
            }
            try (var b = new KafkaWorkSource(s, options, () -> {})) {
                WorkerLoop wb = new WorkerLoop(b, t -> true);
                Thread tb = Thread.ofPlatform().start(wb);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while ((!revoked.get() || b.tasks().assignment().isEmpty()) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(revoked).as("a partition moved to the new member").isTrue();
                releaseKept.set(true);
                ta.join(120_000);
                tb.join(120_000);
                assertThat(failures).isEmpty();
                assertThat(wb.failure).isNull();

                log.info("revocation: {} tasks not started went to the new owner, {} finished in the grace; the new "
                        + "owner received {}", cancelled.size(), finishedInGrace.size(), wb.received.size());
                assertThat(cancelled).isNotEmpty();
                assertThat(finishedInGrace).isNotEmpty();
                assertThat(wb.received).as("the new owner gets exactly what was not started").isEqualTo(cancelled);
                assertThat(a.tasks().handedBack()).isEqualTo(cancelled.size());
                Set<String> all = new HashSet<>(ackedByA);
                all.addAll(finishedInGrace);
                all.addAll(wb.acknowledged);
                assertThat(all).hasSize(400);
                assertThat(ackedByA.size() + finishedInGrace.size() + wb.acknowledged.size()).as("none twice").isEqualTo(400);
            }
        }
        assertCommittedToTheEnd(s.topics().scanTasks(), "workers", "end-of-round scan-r");
    }

    @Test
    void aNewOwnerSkipsTheTasksThePreviousOneFinishedAboveItsCommittedOffset() throws Exception {
        KafkaSettings s = settings(1);
        var options = KafkaTaskSource.Options.endless("workers").untilEndOfRound("scan-d")
                .withCommitInterval(Duration.ofMillis(100));
        try (var sink = new KafkaWorkSink(s)) {
            for (int i = 0; i < 100; i++) {
                sink.submit(scanTask("scan-d", "d" + i + ".ch"));
            }
            sink.finish();
        }
        // the first owner finishes everything but d0 (a slow mail server): the offset stays at d0's
        TopicPartition tp = new TopicPartition(s.topics().scanTasks(), 0);
        try (var first = new KafkaWorkSource(s, options, () -> {}); Admin admin = kafka.admin()) {
            List<ScanTask> taken = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (taken.size() < 100 && System.nanoTime() < deadline) {
                List<ScanTask> tasks = first.poll(100, Duration.ofMillis(100));
                taken.addAll(tasks);
                first.acknowledge(tasks.stream().filter(t -> number(t) != 0).toList());
            }
            assertThat(taken).hasSize(100);
            OffsetAndMetadata committed = null;
            while (System.nanoTime() < deadline
                    && (committed == null || !committed.metadata().startsWith(DoneOffsets.PREFIX))) {
                first.poll(100, Duration.ofMillis(100)); // commits every 100 ms while polling
                committed = admin.listConsumerGroupOffsets("workers").partitionsToOffsetAndMetadata().get().get(tp);
            }
            log.info("committed while d0 runs: {}", committed);
            assertThat(committed).isNotNull();
            assertThat(committed.metadata()).startsWith(DoneOffsets.PREFIX);
        }
        try (var second = new KafkaWorkSource(s, options, () -> {})) {
            WorkerLoop w = new WorkerLoop(second, t -> true);
            w.run();
            assertThat(w.failure).isNull();
            assertThat(w.received).as("only the task the first owner did not finish").containsExactly("d0.ch");
            assertThat(second.tasks().skippedAsDone()).isEqualTo(99);
        }
        assertCommittedToTheEnd(s.topics().scanTasks(), "workers", "end-of-round scan-d");
    }

    @Test
    void topicsMissingAreCreatedWithTheCountAskedForAndExistingOnesAreLeftAsTheyAre() throws Exception {
        String existing = "it-topics-" + testNo.incrementAndGet() + ".existing";
        String missing = "it-topics-" + testNo.get() + ".missing";
        kafka.createTopics(List.of(existing), 2);
        try (Admin admin = kafka.admin()) {
            Map<String, Integer> counts = io.mailcensus.kafka.client.TopicCreator.ensure(admin,
                    Map.of(existing, 6, missing, 6), java.util.Optional.empty());
            assertThat(counts).containsEntry(existing, 2).containsEntry(missing, 6);
        }
    }

    static void assertCommittedToTheEnd(String topic, String group, String metadata) throws Exception {
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().stream().filter(tp -> tp.topic().equals(topic))
                    .forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            assertThat(latest).as("every partition committed").hasSize(partitions);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
            ends.forEach((tp, end) -> {
                assertThat(committed.get(tp).offset()).as(tp + " committed to the end").isEqualTo(end.offset());
                assertThat(committed.get(tp).metadata()).as(tp.toString()).isEqualTo(metadata);
            });
        }
    }

    private static int number(ScanTask t) {
        String d = t.getDomain();
        return Integer.parseInt(d.substring(1, d.indexOf('.')));
    }
}
