package io.mailcensus.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.core.metrics.MeterNames;
import io.mailcensus.core.metrics.Metrics;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StoreWriterMetricsTest {

    @Test
    void countsRowsWrittenPerTableAndTheRetriesOfAFailingStore() {
        Metrics metrics = Metrics.simple();
        var store = new StoreWriterTest.FlakyStore(2);
        try (StoreWriter writer = new StoreWriter(store, 100, Duration.ofMillis(50), metrics)) {
            for (int i = 0; i < 250; i++) {
                writer.publish(StoreWriterTest.result(i));
            }
            writer.flush();
        }
        var registry = metrics.registry();
        assertThat(registry.get(MeterNames.STORE_ROWS_WRITTEN).tag("table", "domain_results").counter().count())
                .isEqualTo(250.0);
        assertThat(registry.get(MeterNames.STORE_ROWS_WRITTEN).tag("table", "mail_server_results").counter().count())
                .isZero();
        assertThat(registry.get(MeterNames.STORE_WRITE_RETRIES).counter().count()).isEqualTo(2.0);
        assertThat(registry.get(MeterNames.STORE_WRITE).timer().count()).isPositive();
    }
}
