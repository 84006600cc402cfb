package io.mailcensus.report;

import static io.mailcensus.report.ResultFixtures.T0;
import static io.mailcensus.report.ResultFixtures.domain;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.core.port.ScanRecord;
import io.mailcensus.report.trend.TrendBuilder;
import io.mailcensus.store.ChdbStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A distributed round in progress is neither the default report nor a point of the trend until it is finished. */
class RoundsInProgressIT {

    @TempDir
    Path dataDir;

    @Test
    void theDefaultReportAndTheTrendWaitForARoundToFinish() {
        Instant t1 = T0.plusSeconds(86_400);
        try (ChdbStore store = ChdbStore.open(dataDir)) {
            store.migrate();
            store.upsertScan(new ScanRecord("round-1", T0, T0.plusSeconds(600), "finished", "list", 1, 1, 0, T0,
                    T0.plusSeconds(60), 1, 0, 0));
            store.upsertScan(new ScanRecord("round-2", t1, null, "fed", "list", 2, 1, 0, t1, t1.plusSeconds(60), 2,
                    0, 1));
            store.insertDomainResults(List.of(domain("round-1", "a.ch", b -> {}),
                    domain("round-2", "a.ch", t1.plusSeconds(5), b -> {})));

            assertThat(new ReportBuilder(store).latestScanId()).contains("round-1");
            assertThat(new TrendBuilder(store, 10).scanIds()).containsExactly("round-1");

            store.upsertScan(new ScanRecord("round-2", t1, t1.plusSeconds(600), "finished", "list", 2, 2, 0,
                    t1.plusSeconds(600), t1.plusSeconds(60), 2, 0, 0));
            assertThat(new ReportBuilder(store).latestScanId()).contains("round-2");
            assertThat(new TrendBuilder(store, 10).scanIds()).containsExactly("round-1", "round-2");
        }
    }
}
