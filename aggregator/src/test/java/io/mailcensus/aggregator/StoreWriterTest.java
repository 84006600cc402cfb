package io.mailcensus.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.core.port.ResultStore;
import io.mailcensus.core.port.ScanRecord;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.MailServerResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StoreWriterTest {

    /** A store that fails its first {@code failures} writes, then records what it was given. */
    static final class FlakyStore implements ResultStore {
        final List<DomainResult> rows = new ArrayList<>();
        final List<Integer> batchSizes = new ArrayList<>();
        final AtomicInteger failures;

        FlakyStore(int failures) {
            this.failures = new AtomicInteger(failures);
        }

        @Override public void migrate() {}

        @Override
        public synchronized void insertDomainResults(List<DomainResult> batch) {
            if (failures.getAndDecrement() > 0) {
                throw new IllegalStateException("store unavailable");
            }
            rows.addAll(batch);
            batchSizes.add(batch.size());
        }

        @Override public void insertMailServerResults(List<MailServerResult> batch) {}
        @Override public void upsertScan(ScanRecord scan) {}
        @Override public String query(String sql, String format) { return ""; }
        @Override public void close() {}
    }

    static DomainResult result(int i) {
        return DomainResult.newBuilder()
                .setScanId("s")
                .setDomain("d" + i + ".ch")
                .setDomainUnicode("d" + i + ".ch")
                .setStatus(io.mailcensus.schemas.DomainStatus.ok)
                .setStartedAt(Instant.EPOCH)
                .setFinishedAt(Instant.EPOCH)
                .build();
    }

    @Test
    void writesInBatchesAndFlushWaitsForEveryRow() {
        FlakyStore store = new FlakyStore(0);
        try (StoreWriter writer = new StoreWriter(store, 1000, Duration.ofSeconds(5))) {
            for (int i = 0; i < 2500; i++) {
                writer.publish(result(i));
            }
            writer.flush();
            assertThat(store.rows).hasSize(2500);
            assertThat(writer.written()).isEqualTo(2500);
            assertThat(store.batchSizes).allMatch(n -> n <= 1000);
        }
    }

    @Test
    void aFailingStoreIsRetriedAndNothingIsDropped() {
        FlakyStore store = new FlakyStore(3);
        try (StoreWriter writer = new StoreWriter(store, 100, Duration.ofMillis(50))) {
            for (int i = 0; i < 250; i++) {
                writer.publish(result(i));
            }
            writer.flush();
            assertThat(store.rows).extracting(DomainResult::getDomain).doesNotHaveDuplicates().hasSize(250);
            assertThat(writer.storeFailures()).isEqualTo(3);
        }
    }
}
