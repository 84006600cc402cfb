package io.mailcensus.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentTest {

    @Test
    void roundsHalfUpToTwoDecimals() {
        assertThat(Percent.of(1, 3)).isEqualTo(33.33);
        assertThat(Percent.of(2, 3)).isEqualTo(66.67);
        assertThat(Percent.of(1, 800)).isEqualTo(0.13);
        assertThat(Percent.of(1780602, 2516443)).isEqualTo(70.76);
        assertThat(Percent.of(1391162, 1780602)).isEqualTo(78.13);
    }

    @Test
    void wholeAndEmptyShares() {
        assertThat(Percent.of(8, 8)).isEqualTo(100.0);
        assertThat(Percent.of(0, 8)).isEqualTo(0.0);
    }

    @Test
    void anEmptyBaseGivesZeroNotAnError() {
        assertThat(Percent.of(0, 0)).isEqualTo(0.0);
    }

    @Test
    void exactForCountsBeyondDoublePrecision() {
        assertThat(Percent.of(Long.MAX_VALUE / 2, Long.MAX_VALUE)).isEqualTo(50.0);
    }
}
