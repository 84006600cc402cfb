package io.mailcensus.coordinator.rescan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RoundProgressTest {

    private final RoundProgress progress = new RoundProgress();

    @Test
    void inFlightIsWhatWasEnqueuedWithoutAnOutcome() {
        progress.enqueued("r1", 100);
        progress.done("r1", 60);
        progress.failed("r1", 5);
        RoundProgress.Counts c = progress.counts("r1");
        assertThat(c.enqueued()).isEqualTo(100);
        assertThat(c.done()).isEqualTo(60);
        assertThat(c.failed()).isEqualTo(5);
        assertThat(c.inFlight()).isEqualTo(35);
    }

    @Test
    void aRoundIsCompleteOnlyWhenFeedingFinishedAndNothingIsInFlight() {
        progress.enqueued("r1", 2);
        progress.done("r1", 2);
        assertThat(progress.counts("r1").complete()).as("more may still be enqueued").isFalse();
        progress.feedingFinished("r1");
        assertThat(progress.counts("r1").complete()).isTrue();

        progress.enqueued("r2", 3);
        progress.feedingFinished("r2");
        progress.done("r2", 2);
        assertThat(progress.counts("r2").complete()).isFalse();
        progress.failed("r2", 1);
        assertThat(progress.counts("r2").complete()).isTrue();
    }

    @Test
    void redeliveredResultsNeverMakeInFlightNegative() {
        progress.enqueued("r1", 10);
        progress.done("r1", 12); // at-least-once delivery counted two results twice
        assertThat(progress.counts("r1").inFlight()).isZero();
    }

    @Test
    void anUnknownRoundCountsZero() {
        assertThat(progress.counts("never")).isEqualTo(new RoundProgress.Counts(0, 0, 0, false));
        assertThat(progress.all()).isEmpty();
    }

    @Test
    void roundsAreListedOldestFirstAndCanBeForgotten() {
        progress.enqueued("2026-11-26T00:00:00Z", 1);
        progress.enqueued("2026-12-03T00:00:00Z", 1);
        progress.done("2026-11-26T00:00:00Z", 1);
        assertThat(progress.all()).containsOnlyKeys("2026-11-26T00:00:00Z", "2026-12-03T00:00:00Z");
        assertThat(List.copyOf(progress.all().keySet())).containsExactly("2026-11-26T00:00:00Z", "2026-12-03T00:00:00Z");
        progress.forget("2026-11-26T00:00:00Z");
        assertThat(progress.all()).containsOnlyKeys("2026-12-03T00:00:00Z");
    }

    @Test
    void countsFromManyThreadsAddUp() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        progress.enqueued("r", 1);
                        progress.done("r", 1);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        assertThat(progress.counts("r")).isEqualTo(new RoundProgress.Counts(40_000, 40_000, 0, false));
    }
}
