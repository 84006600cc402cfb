package io.mailcensus.aggregator.round;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.core.metrics.Metrics;
import io.mailcensus.core.port.ResultStore;
import io.mailcensus.core.port.RoundEvent;
import io.mailcensus.core.port.ScanRecord;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.MailServerResult;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The round's counts are served as Prometheus gauges (a stand-in store: the counting is RoundBook's, tested on the engine by DistributedRoundsIT). */
class RoundBookMetricsTest {

    @Test
    void aRoundsCountsAreGaugesTaggedWithTheRound() {
        Metrics metrics = Metrics.prometheus();
        RoundBook book = new RoundBook(new EmptyStore(), Clock.systemUTC(), metrics);
        Instant t0 = Instant.parse("2026-12-01T00:00:00Z");
        book.apply(new RoundEvent(RoundEvent.Kind.FED, "r-1", t0, t0, "list", 25, 0));

        assertThat(metrics.scrape())
                .contains("mailcensus_round_tasks{count=\"enqueued\",round=\"r-1\"} 25.0")
                .contains("mailcensus_round_tasks{count=\"in_flight\",round=\"r-1\"} 25.0")
                .contains("mailcensus_round_tasks{count=\"done\",round=\"r-1\"} 0.0");
    }

    /** No rows anywhere; writes are accepted and forgotten. */
    private static final class EmptyStore implements ResultStore {
        @Override
        public void migrate() {}

        @Override
        public void insertDomainResults(List<DomainResult> rows) {}

        @Override
        public void insertMailServerResults(List<MailServerResult> rows) {}

        @Override
        public void upsertScan(ScanRecord scan) {}

        @Override
        public String query(String sql, String format) {
            return "";
        }

        @Override
        public void close() {}
    }
}
