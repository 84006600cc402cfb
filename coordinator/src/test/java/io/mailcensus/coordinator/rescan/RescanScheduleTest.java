package io.mailcensus.coordinator.rescan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RescanScheduleTest {

    private static final Duration WEEK = Duration.ofDays(7);
    private final RescanSchedule weekly = new RescanSchedule(WEEK);

    @Test
    void theHashIsPinnedSoEveryProcessAndVersionAgreesOnTheSlots() {
        // Changing the hash moves every domain's rescan day: it must be a deliberate decision.
        assertThat(RescanSchedule.hash("example.ch")).isEqualTo(PINNED_HASH_EXAMPLE_CH);
        assertThat(weekly.offset("example.ch")).isEqualTo(Duration.ofMillis(PINNED_OFFSET_EXAMPLE_CH));
        assertThat(new RescanSchedule(WEEK).offset("example.ch")).isEqualTo(weekly.offset("example.ch"));
    }

    /** Computed independently (a few lines of Python: FNV-1a 64, then the SplitMix64 finaliser). */
    private static final long PINNED_HASH_EXAMPLE_CH = -1915168833518444411L;
    /** The unsigned hash modulo a week of milliseconds: Friday 02:25:07.205 of each round (rounds start on Thursdays, as 1970-01-01 was). */
    private static final long PINNED_OFFSET_EXAMPLE_CH = 95_107_205L;

    @Test
    void offsetsLieWithinThePeriodAndIgnoreAsciiCase() {
        for (String d : Domains.numbered(10_000)) {
            Duration offset = weekly.offset(d);
            assertThat(offset).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(WEEK);
        }
        assertThat(weekly.offset("Example.CH")).isEqualTo(weekly.offset("example.ch"));
        assertThat(weekly.offset("example.ch")).isNotEqualTo(weekly.offset("example.li"));
    }

    @Test
    void oneHundredThousandDomainsSpreadEvenlyOverTheDaysOfTheWeek() {
        long[] perDay = bucketCounts(Domains.numbered(100_000), 7);
        double mean = 100_000 / 7.0;
        for (long c : perDay) {
            assertThat(Math.abs(c - mean) / mean).as("day count %d vs mean %.0f", c, mean).isLessThan(0.03);
        }
    }

    @Test
    void oneHundredThousandDomainsSpreadEvenlyOverTheHoursOfTheWeek() {
        int hours = 168;
        long[] perHour = bucketCounts(Domains.numbered(100_000), hours);
        double mean = 100_000.0 / hours;
        double chiSquare = 0;
        for (long c : perHour) {
            assertThat(Math.abs(c - mean) / mean).as("hour count %d vs mean %.0f", c, mean).isLessThan(0.15);
            chiSquare += (c - mean) * (c - mean) / mean;
        }
        // 167 degrees of freedom: a uniform spread stays below 226 with probability 0.999.
        assertThat(chiSquare).isLessThan(226);
    }

    @Test
    void aDomainIsDueOncePerRoundAtTheSameOffset() {
        long round = weekly.round(Instant.parse("2026-11-28T16:00:00Z"));
        Instant due = weekly.due("example.ch", round);
        assertThat(weekly.due("example.ch", round + 1)).isEqualTo(due.plus(WEEK));
        assertThat(due).isBetween(weekly.roundStart(round), weekly.roundStart(round + 1).minusMillis(1));
        assertThat(weekly.round(due)).isEqualTo(round);
    }

    @Test
    void nextDueIsTheFirstSlotAtOrAfterTheGivenInstant() {
        Instant due = weekly.due("example.ch", 2900);
        assertThat(weekly.nextDue("example.ch", due)).isEqualTo(due);
        assertThat(weekly.nextDue("example.ch", due.minusMillis(1))).isEqualTo(due);
        assertThat(weekly.nextDue("example.ch", due.plusMillis(1))).isEqualTo(due.plus(WEEK));
    }

    @Test
    void roundsAreCountedFromTheEpochWithFloorDivision() {
        assertThat(weekly.round(Instant.EPOCH)).isZero();
        assertThat(weekly.round(Instant.EPOCH.plus(WEEK).minusMillis(1))).isZero();
        assertThat(weekly.round(Instant.EPOCH.plus(WEEK))).isEqualTo(1);
        assertThat(weekly.round(Instant.EPOCH.minusMillis(1))).isEqualTo(-1);
        Instant monday = Instant.parse("2026-11-30T00:00:00Z");
        RescanSchedule fromMonday = new RescanSchedule(WEEK, monday);
        assertThat(fromMonday.roundStart(fromMonday.round(monday.plusSeconds(3600)))).isEqualTo(monday);
    }

    @Test
    void periodsAreWrittenAsOnTheCommandLine() {
        assertThat(RescanSchedule.parsePeriod("7d")).isEqualTo(WEEK);
        assertThat(RescanSchedule.parsePeriod("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(RescanSchedule.parsePeriod("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(RescanSchedule.parsePeriod("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(RescanSchedule.parsePeriod("P7D")).isEqualTo(WEEK);
        for (String bad : List.of("", "7", "d", "0d", "-1d", "7w", "seven days", "PT0S")) {
            assertThatThrownBy(() -> RescanSchedule.parsePeriod(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("rescan period '" + bad + "': expected e.g. 7d, 12h, 30m or P7D");
        }
    }

    private long[] bucketCounts(List<String> domains, int buckets) {
        long[] counts = new long[buckets];
        long width = WEEK.toMillis() / buckets;
        for (String d : domains) {
            counts[(int) (weekly.offset(d).toMillis() / width)]++;
        }
        return counts;
    }
}
