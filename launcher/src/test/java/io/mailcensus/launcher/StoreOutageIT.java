package io.mailcensus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.aggregator.StoreWriter;
import io.mailcensus.core.port.ResultStore;
import io.mailcensus.core.port.ScanRecord;
import io.mailcensus.kafka.broker.EmbeddedKafka;
import io.mailcensus.kafka.client.KafkaSettings;
import io.mailcensus.kafka.result.KafkaResultConsumer;
import io.mailcensus.kafka.result.KafkaResultSink;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.DomainStatus;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.store.ChdbStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store outage longer than max.poll.interval.ms (3 s here, 15 s of outage) does not evict the
 * aggregator from its group: it pauses its partitions and polls on, and once the store is back
 * every result is in it. The broker is a real KRaft broker, the store the real engine behind a
 * switch that makes every write fail while it is "down".
 */
@Timeout(300)
class StoreOutageIT {

    @TempDir
    Path dir;

    @Test
    void anOutageLongerThanThePollIntervalPausesInsteadOfLeavingTheGroup() throws Exception {
        try (EmbeddedKafka broker = EmbeddedKafka.start(); ResultStore real = ChdbStore.open(dir)) {
            real.migrate();
            KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers())
                    .with(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 3_000);
            broker.createTopics(kafka.topics().all(), 3);
            SwitchedStore store = new SwitchedStore(real);
            try (StoreWriter writer = new StoreWriter(store, 100, Duration.ofMillis(100));
                    KafkaResultConsumer aggregator = new KafkaResultConsumer(kafka,
                            new KafkaResultConsumer.Options("aggregator", 100, Duration.ofMillis(200)), writer)) {
                aggregator.start();
                publish(kafka, 0, 300);
                awaitCount(real, 300);

                store.down = true;
                publish(kafka, 300, 1_000);
                Thread.sleep(15_000); // five poll intervals
                assertThat(aggregator.storePauses()).as("paused for the outage").isPositive();
                assertThat(count(real)).isEqualTo(300);
                store.down = false;

                awaitCount(real, 1_000);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!aggregator.caughtUp() && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(aggregator.caughtUp()).as("committed to the end").isTrue();
                assertThat(aggregator.partitionsTakenAway()).as("never evicted: no partition revoked or lost").isZero();
                assertThat(writer.storeFailures()).as("the writer retried through the outage").isPositive();
            }
        }
    }

    private static void publish(KafkaSettings kafka, int from, int to) {
        try (KafkaResultSink sink = new KafkaResultSink(kafka)) {
            for (int i = from; i < to; i++) {
                Instant now = Instant.now();
                sink.publish(DomainResult.newBuilder().setScanId("outage").setDomain("d" + i + ".example")
                        .setDomainUnicode("d" + i + ".example").setStatus(DomainStatus.values()[0]).setStartedAt(now)
                        .setFinishedAt(now).build());
            }
            sink.flush();
        }
    }

    private static long count(ResultStore store) {
        return Long.parseLong(store.query("SELECT count() FROM domain_results FINAL", "TabSeparated").strip());
    }

    private static void awaitCount(ResultStore store, long n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (count(store) < n && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(count(store)).isEqualTo(n);
    }

    /** The real store behind a switch: while down, every write fails as a lost connection would. */
    private static final class SwitchedStore implements ResultStore {
        private final ResultStore real;
        volatile boolean down;

        SwitchedStore(ResultStore real) {
            this.real = real;
        }

        private void check() {
            if (down) {
                throw new IllegalStateException("store unreachable (outage)");
            }
        }

        @Override
        public void migrate() {
            check();
            real.migrate();
        }

        @Override
        public void insertDomainResults(List<DomainResult> rows) {
            check();
            real.insertDomainResults(rows);
        }

        @Override
        public void insertMailServerResults(List<MailServerResult> rows) {
            check();
            real.insertMailServerResults(rows);
        }

        @Override
        public void upsertScan(ScanRecord scan) {
            check();
            real.upsertScan(scan);
        }

        @Override
        public String query(String sql, String format) {
            check();
            return real.query(sql, format);
        }

        @Override
        public void close() {}
    }
}
