package io.mailcensus.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoundGaugesTest {

    @Test
    void servesEachRoundsCountAndKeepsOnlyTheLastFewRounds() {
        Metrics metrics = Metrics.prometheus();
        RoundGauges probed = new RoundGauges(metrics, "probed");
        probed.add("r1", 2);
        probed.add("r1", 3);
        probed.set("r2", 7);
        assertThat(metrics.scrape()).contains("mailcensus_round_tasks{count=\"probed\",round=\"r1\"} 5.0",
                "mailcensus_round_tasks{count=\"probed\",round=\"r2\"} 7.0");
        for (int i = 3; i <= 2 + RoundGauges.ROUNDS_IN_METRICS; i++) {
            probed.add("r" + i, 1);
        }
        assertThat(metrics.scrape()).doesNotContain("round=\"r1\"", "round=\"r2\"").contains("round=\"r6\"");
        assertThat(probed.get("r1")).isZero();
    }

    @Test
    void twoRolesCountsInOneProcessKeepTheirOwnSeries() {
        Metrics metrics = Metrics.prometheus();
        new RoundGauges(metrics, "enqueued").set("r1", 10);
        new RoundGauges(metrics, "probed").add("r1", 4);
        assertThat(metrics.scrape()).contains("mailcensus_round_tasks{count=\"enqueued\",round=\"r1\"} 10.0",
                "mailcensus_round_tasks{count=\"probed\",round=\"r1\"} 4.0");
    }
}
