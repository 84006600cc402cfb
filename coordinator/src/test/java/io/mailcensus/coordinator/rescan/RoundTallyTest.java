package io.mailcensus.coordinator.rescan;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.core.port.RoundEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Continuous rounds' counts: whole from a fresh start at the round's start, and across a restart mid-round. */
class RoundTallyTest {

    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final List<String> DOMAINS = Domains.numbered(3_000);
    private static final Instant ROUND_START = Instant.parse("2026-11-30T00:00:00Z");

    private final RescanSchedule daily = new RescanSchedule(DAY);

    record Fed(String domain, Instant at) {}

    private record Run(List<Fed> fed, List<RoundEvent> events) {}

    private Run run(Instant start, long slices, Instant resumeAfter) throws Exception {
        FakeTime time = new FakeTime(start);
        RescanFeeder feeder = new RescanFeeder(daily, HOUR, time, time.pacer());
        RoundTally tally = new RoundTally(feeder, daily, Clock.systemUTC(), "list", resumeAfter != null);
        List<Fed> fed = new ArrayList<>();
        List<RoundEvent> events = new ArrayList<>();
        feeder.run(() -> Domains.source(DOMAINS), (d, round, at) -> fed.add(new Fed(d.ascii(), at)), slices,
                slice -> events.add(tally.fed(slice, () -> Domains.source(DOMAINS))), resumeAfter);
        return new Run(fed, events);
    }

    @Test
    void aWholeRoundIsFeedingUntilItsLastSliceAndThenFedWithEveryDomain() throws Exception {
        Run r = run(ROUND_START, 24, null);
        assertThat(r.events()).hasSize(24);
        assertThat(r.events().subList(0, 23)).allSatisfy(e -> assertThat(e.kind()).isEqualTo(RoundEvent.Kind.FEEDING));
        RoundEvent last = r.events().getLast();
        assertThat(last.kind()).isEqualTo(RoundEvent.Kind.FED);
        assertThat(last.enqueued()).isEqualTo(3_000);
        assertThat(last.scanId()).isEqualTo(ROUND_START.toString());
        assertThat(r.fed()).hasSize(3_000);
    }

    @Test
    void aRestartMidRoundFeedsExactlyTheSlotsAfterTheLastOneFedAndCountsTheWholeRound() throws Exception {
        List<Fed> whole = run(ROUND_START, 24, null).fed();
        Instant crash = ROUND_START.plus(Duration.ofMinutes(5 * 60 + 20));
        Instant lastFed = whole.stream().map(Fed::at).filter(at -> at.isBefore(crash)).max(Instant::compareTo)
                .orElseThrow().minus(Duration.ofMinutes(7)); // the last few before the crash were never sent
        Run restarted = run(crash.plus(Duration.ofMinutes(3)), 19, lastFed);

        List<Fed> expected = whole.stream().filter(f -> f.at().isAfter(lastFed)).toList();
        assertThat(restarted.fed()).as("neither skipped nor repeated").containsExactlyElementsOf(expected);
        RoundEvent last = restarted.events().getLast();
        assertThat(last.kind()).isEqualTo(RoundEvent.Kind.FED);
        assertThat(last.enqueued()).isEqualTo(3_000);
    }

    @Test
    void aFreshStartMidRoundCountsOnlyWhatItFeeds() throws Exception {
        Run r = run(ROUND_START.plus(Duration.ofMinutes(30)), 24, null);
        RoundEvent fedEvent = r.events().stream().filter(e -> e.kind() == RoundEvent.Kind.FED).findFirst().orElseThrow();
        long fedInFirstRound = r.fed().stream().filter(f -> f.at().isBefore(ROUND_START.plus(DAY))).count();
        assertThat(fedEvent.enqueued()).isEqualTo(fedInFirstRound).isLessThan(3_000);
    }

    @Test
    void aRoundStartsFeedingWithNoCountsNamedAndDatedByItsStart() {
        long round = daily.round(ROUND_START.plus(HOUR));
        Instant now = ROUND_START.plusSeconds(1);
        RoundEvent e = RoundTally.starting(daily, round, now, "list");
        assertThat(e.kind()).isEqualTo(RoundEvent.Kind.FEEDING);
        assertThat(e.scanId()).isEqualTo(ROUND_START.toString());
        assertThat(e.roundStarted()).isEqualTo(ROUND_START);
        assertThat(e.at()).isEqualTo(now);
        assertThat(e.enqueued()).isZero();
        assertThat(RoundTally.starting(daily, round + 1, now, "list").scanId()).isEqualTo(ROUND_START.plus(DAY).toString());
    }
}
