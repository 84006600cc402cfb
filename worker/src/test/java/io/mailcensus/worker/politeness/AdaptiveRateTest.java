package io.mailcensus.worker.politeness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the adaptive pace reads latency: a jump slows it, a machine that is slower all round does not hold it down. */
class AdaptiveRateTest {

    private static final Instant T0 = Instant.parse("2026-12-05T00:00:00Z");

    private static AdaptiveRate rate() {
        return new AdaptiveRate(PolitenessSettings.fromOptions(Map.of("per-minute", "120", "connections", "4",
                "max-per-minute", "1200", "max-connections", "32")));
    }

    /** {@code n} clean answers of {@code latency}, {@code spacing} apart from {@code start}; returns the next instant. */
    private static Instant answers(AdaptiveRate rate, int n, Duration latency, Instant start, Duration spacing) {
        Instant t = start;
        for (int i = 0; i < n; i++) {
            rate.observe(Outcome.OK, latency, t);
            t = t.plus(spacing);
        }
        return t;
    }

    @Test
    void aSuddenJumpInLatencySlowsThePace() {
        AdaptiveRate rate = rate();
        Instant t = answers(rate, 20, Duration.ofMillis(10), T0, Duration.ofMillis(100));
        double before = rate.perMinute();
        rate.observe(Outcome.OK, Duration.ofMillis(400), t);
        assertThat(rate.perMinute()).isEqualTo(before * 0.75);
    }

    @Test
    void oneLuckyFastAnswerDoesNotMakeEveryLaterAnswerSlow() {
        AdaptiveRate rate = rate();
        rate.observe(Outcome.OK, Duration.ofMillis(2), T0); // a lucky early answer
        // then the scanner's own cores are busy: every handshake takes 150 to 250 ms, one every 100 ms
        Instant t = T0.plusMillis(100);
        for (int i = 0; i < 300; i++) {
            rate.observe(Outcome.OK, Duration.ofMillis(150 + (i % 3) * 50), t);
            t = t.plusMillis(100);
        }
        assertThat(rate.perMinute()).as("after 30 s of steady answers the pace is at the ceiling").isEqualTo(1200);
    }

    @Test
    void aServerThatStaysSlowBecomesTheNewTypicalAndThePaceClimbsAgain() {
        AdaptiveRate rate = rate();
        Instant t = answers(rate, 20, Duration.ofMillis(10), T0, Duration.ofMillis(100));
        t = answers(rate, 200, Duration.ofMillis(500), t, Duration.ofMillis(100));
        assertThat(rate.perMinute()).isEqualTo(1200);
    }

    /** Connection starts {@code spacing} apart from {@code start}, as the gate reports them. */
    private static Instant starts(AdaptiveRate rate, int n, Instant start, Duration spacing) {
        Instant t = start;
        for (int i = 0; i < n; i++) {
            rate.started(t);
            t = t.plus(spacing);
        }
        return t;
    }

    @Test
    void a429CutsAgainstTheRateTheServerSawAndCapsTheRoundBelowIt() {
        AdaptiveRate rate = rate();
        answers(rate, 60, Duration.ofMillis(10), T0, Duration.ofMillis(100));
        assertThat(rate.perMinute()).as("the pace allowed").isEqualTo(1200);
        // but the host's sites came in at 3 a second
        Instant t = starts(rate, 9, T0.plusSeconds(10), Duration.ofMillis(333));
        rate.observe(Outcome.TEMP_FAIL, Duration.ofMillis(10), t);
        assertThat(rate.perMinute()).as("half of the 180 a minute seen").isCloseTo(90, org.assertj.core.data.Offset.offset(1.0));
        answers(rate, 100, Duration.ofMillis(10), t.plusSeconds(2), Duration.ofMillis(100));
        assertThat(rate.perMinute()).as("70% of it for the round").isCloseTo(126, org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void aTimeoutSlowsThePaceButLeavesTheCeiling() {
        AdaptiveRate rate = rate();
        answers(rate, 60, Duration.ofMillis(10), T0, Duration.ofMillis(100));
        Instant t = starts(rate, 9, T0.plusSeconds(10), Duration.ofMillis(333));
        rate.observe(Outcome.TIMEOUT, Duration.ofSeconds(10), t);
        assertThat(rate.perMinute()).isCloseTo(90, org.assertj.core.data.Offset.offset(1.0));
        answers(rate, 100, Duration.ofMillis(10), t.plusSeconds(2), Duration.ofMillis(100));
        assertThat(rate.perMinute()).as("one hanging site does not cap a host for the round").isEqualTo(1200);
    }

    @Test
    void atTheCeilingTwentyOneStartsSpanMoreThanASecondWithRoomForJitter() {
        AdaptiveRate rate = rate();
        answers(rate, 60, Duration.ofMillis(10), T0, Duration.ofMillis(100));
        assertThat(rate.perMinute()).isEqualTo(1200);
        Duration twentyGaps = rate.minDelay().multipliedBy(20);
        assertThat(twentyGaps).isGreaterThan(Duration.ofMillis(1015));
        assertThat(twentyGaps).isLessThan(Duration.ofMillis(1050)); // room for jitter, not a slower gate
    }
}
