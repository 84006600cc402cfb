package io.mailcensus.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.DomainStatus;
import io.mailcensus.store.ChdbStore;
import io.mailcensus.store.http.ClickHouseHttpServer;
import io.mailcensus.store.jdbc.ClickHouseJdbcStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aggregator over the server path (clickhouse-jdbc to the ClickHouse HTTP endpoint of an
 * embedded store, served with writes allowed as {@code serve --allow-writes} does) while the server goes away for a few seconds: the writer pauses, keeping its
 * rows and holding back the producers, and catches up when the server returns.
 */
class StoreWriterOverJdbcIT {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void rowsWaitWhileTheServerIsDownAndAllArriveWhenItReturns() throws Exception {
        try (ChdbStore embedded = ChdbStore.open(dir.resolve("store"))) {
            ClickHouseHttpServer server = ClickHouseHttpServer.startLocalWritable(embedded, 0);
            int port = server.port();
            try (ClickHouseJdbcStore store = ClickHouseJdbcStore.connect(
                    "jdbc:clickhouse:http://127.0.0.1:" + port + "/default", new Properties());
                    StoreWriter writer = new StoreWriter(store, 500, Duration.ofMillis(100))) {
                store.migrate();
                publish(writer, 0, 1_000);
                writer.flush();
                assertThat(count(embedded)).isEqualTo(1_000);

                server.close();
                Thread producer = Thread.ofPlatform().start(() -> publish(writer, 1_000, 3_000));
                awaitTrue(() -> writer.storeFailures() >= 3);
                // Paused, not dropping: nothing more was written, and the bounded buffer holds the producer back.
                assertThat(writer.written()).isEqualTo(1_000);
                assertThat(count(embedded)).isEqualTo(1_000);
                assertThat(producer.isAlive()).isTrue();

                server = ClickHouseHttpServer.startLocalWritable(embedded, port);
                producer.join();
                writer.flush();

                assertThat(writer.written()).isEqualTo(3_000);
                assertThat(count(embedded)).isEqualTo(3_000);
            } finally {
                server.close();
            }
        }
    }

    private static void publish(StoreWriter writer, int from, int to) {
        for (int i = from; i < to; i++) {
            writer.publish(DomainResult.newBuilder()
                    .setScanId("outage")
                    .setDomain("d" + i + ".ch")
                    .setDomainUnicode("d" + i + ".ch")
                    .setStatus(DomainStatus.ok)
                    .setStartedAt(Instant.EPOCH)
                    .setFinishedAt(Instant.EPOCH)
                    .build());
        }
    }

    private static long count(ChdbStore store) {
        return Long.parseLong(store.query("SELECT count() FROM domain_results FINAL WHERE scan_id = 'outage'",
                "TabSeparated").strip());
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            Thread.sleep(50);
        }
    }
}
