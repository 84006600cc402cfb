package io.mailcensus.coordinator.rescan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RescanFeederTest {

    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final List<String> DOMAINS = Domains.numbered(10_000);

    private final RescanSchedule daily = new RescanSchedule(DAY);
    /** A Monday at midnight: the start of a daily round. */
    private final Instant roundStart = Instant.parse("2026-11-30T00:00:00Z");
    private final FakeTime time = new FakeTime(roundStart);
    private final RescanFeeder feeder = new RescanFeeder(daily, HOUR, time, time.pacer());
    private final List<Emission> emitted = new ArrayList<>();

    record Emission(String domain, long round, Instant at, Instant clockAtEmission) {}

    private DueSink recorder() {
        return (domain, round, at) -> emitted.add(new Emission(domain.ascii(), round, at, time.instant()));
    }

    @Test
    void aSliceEmitsOnlyItsDomainsEvenlySpacedAtTheirSlots() throws Exception {
        long slice = feeder.slice(roundStart.plus(Duration.ofHours(5)));
        SliceReport report = feeder.feedSlice(Domains.source(DOMAINS), slice, Instant.MIN, recorder());

        Instant start = roundStart.plus(Duration.ofHours(5));
        long expected = DOMAINS.stream().filter(d -> daily.offset(d).toHours() == 5).count();
        assertThat(report.due()).isEqualTo(expected).isEqualTo(report.emitted()).isEqualTo(emitted.size());
        assertThat(report.read()).isEqualTo(DOMAINS.size());
        assertThat(emitted).allSatisfy(e -> {
            assertThat(e.at()).isBetween(start, start.plus(HOUR).minusMillis(1));
            assertThat(e.clockAtEmission()).isEqualTo(e.at()); // the pacer waited for each slot
        });
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < emitted.size(); i++) {
            gaps.add(Duration.between(emitted.get(i - 1).at(), emitted.get(i).at()).toMillis());
        }
        long ideal = HOUR.toMillis() / emitted.size();
        assertThat(gaps).allSatisfy(g -> assertThat(g).isBetween(ideal - 1, ideal + 1));
        List<Duration> offsets = emitted.stream().map(e -> daily.offset(e.domain())).toList();
        assertThat(offsets).isSorted(); // in the order of their own offsets
    }

    @Test
    void aWholeRoundFeedsEveryDomainOnceAtANearlyFlatHourlyRate() throws Exception {
        List<SliceReport> reports = feeder.run(() -> Domains.source(DOMAINS), recorder(), 24);

        assertThat(emitted).hasSize(DOMAINS.size());
        assertThat(emitted.stream().map(Emission::domain).distinct().count()).isEqualTo(DOMAINS.size());
        assertThat(emitted).allSatisfy(e -> assertThat(e.round()).isEqualTo(daily.round(roundStart)));
        double mean = DOMAINS.size() / 24.0;
        assertThat(reports).hasSize(24).allSatisfy(r -> assertThat(Math.abs(r.emitted() - mean) / mean)
                .as("slice %d: %d emitted, mean %.0f", r.slice(), r.emitted(), mean).isLessThan(0.10));
        assertThat(time.instant()).isBefore(roundStart.plus(DAY));
    }

    @Test
    void theNextRoundRepeatsEveryDomainExactlyOnePeriodLater() throws Exception {
        feeder.run(() -> Domains.source(DOMAINS), recorder(), 48);

        assertThat(emitted).hasSize(2 * DOMAINS.size());
        Map<String, Instant> first = new HashMap<>();
        for (Emission e : emitted) {
            Instant before = first.putIfAbsent(e.domain(), e.at());
            if (before != null) {
                assertThat(Duration.between(before, e.at())).as(e.domain()).isEqualTo(DAY);
            }
        }
    }

    @Test
    void aRestartMidSliceSkipsThePastSlotsAndKeepsTheOthersInstants() throws Exception {
        long slice = feeder.slice(roundStart.plus(Duration.ofHours(7)));
        feeder.feedSlice(Domains.source(DOMAINS), slice, Instant.MIN, recorder());
        List<Emission> uninterrupted = List.copyOf(emitted);
        emitted.clear();

        Instant restart = roundStart.plus(Duration.ofHours(7)).plus(Duration.ofMinutes(20));
        time.set(restart);
        List<SliceReport> reports = feeder.run(() -> Domains.source(DOMAINS), recorder(), 1);

        List<Emission> expected = uninterrupted.stream().filter(e -> !e.at().isBefore(restart)).toList();
        assertThat(emitted).extracting(Emission::domain, Emission::at)
                .containsExactlyElementsOf(expected.stream()
                        .map(e -> org.assertj.core.groups.Tuple.tuple(e.domain(), e.at())).toList());
        assertThat(reports.getFirst().skipped()).isEqualTo(uninterrupted.size() - expected.size()).isPositive();
    }

    @Test
    void aSinkThatBlocksDelaysLaterDomainsButDropsNone() throws Exception {
        long slice = feeder.slice(roundStart);
        DueSink slow = (domain, round, at) -> {
            if (emitted.isEmpty()) {
                time.set(time.instant().plus(Duration.ofMinutes(40))); // a full queue for 40 minutes
            }
            recorder().due(domain, round, at);
        };
        SliceReport report = feeder.feedSlice(Domains.source(DOMAINS), slice, Instant.MIN, slow);

        assertThat(report.emitted()).isEqualTo(report.due()).isEqualTo(emitted.size());
        assertThat(emitted.getLast().clockAtEmission()).isEqualTo(emitted.getLast().at()); // caught up
    }

    @Test
    void duplicatesAndMalformedNamesAreDroppedWithinTheSlice() throws Exception {
        String domain = "example.ch";
        long slice = feeder.slice(daily.due(domain, daily.round(roundStart)));
        SliceReport report = feeder.feedSlice(
                Domains.source(List.of(domain, "EXAMPLE.CH", "Example.ch.", "bad..name.ch", "http://x/", "ch")),
                slice, Instant.MIN, recorder());

        assertThat(emitted).extracting(Emission::domain).containsExactly(domain);
        assertThat(report.read()).isEqualTo(6);
        assertThat(report.rejected()).isEqualTo(3);
        assertThat(report.due()).isEqualTo(1);
    }

    @Test
    void theFeederWaitsForTheSliceToStartBeforeReadingTheSource() throws Exception {
        time.set(roundStart.minus(Duration.ofMinutes(10)));
        boolean[] readEarly = {false};
        Instant start = roundStart;
        var source = new io.mailcensus.coordinator.input.NameSource() {
            @Override
            public void forEach(java.util.function.Consumer<String> sink) {
                readEarly[0] = time.instant().isBefore(start);
                DOMAINS.forEach(sink);
            }

            @Override
            public String describe() {
                return "watching";
            }
        };
        feeder.feedSlice(source, feeder.slice(roundStart), Instant.MIN, recorder());
        assertThat(readEarly[0]).isFalse();
    }

    @Test
    void theSliceMustDivideThePeriod() {
        assertThatThrownBy(() -> new RescanFeeder(daily, Duration.ofMinutes(7), time, time.pacer()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must divide the period");
        assertThat(RescanFeeder.defaultSlice(Duration.ofDays(7))).isEqualTo(HOUR);
        assertThat(RescanFeeder.defaultSlice(Duration.ofMinutes(30))).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void slotsSitInTheMiddleOfEqualShares() {
        assertThat(RescanFeeder.slot(0, 1, 1000)).isEqualTo(500);
        assertThat(RescanFeeder.slot(0, 4, 1000)).isEqualTo(125);
        assertThat(RescanFeeder.slot(3, 4, 1000)).isEqualTo(875);
    }
}
