package io.mailcensus.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScaleTest {

    @Test
    void roundsTheLargestValueUpToAFewRoundTicks() {
        assertThat(Scale.percent(18.78)).isEqualTo(new Scale(20, 5));
        assertThat(Scale.percent(84)).isEqualTo(new Scale(100, 20));
        assertThat(Scale.percent(3.9)).isEqualTo(new Scale(4, 1));
        assertThat(Scale.percent(0)).isEqualTo(new Scale(0.2, 0.2));
        assertThat(Scale.percent(100)).isEqualTo(new Scale(100, 20));
    }

    @Test
    void ticksAndLabels() {
        assertThat(new Scale(20, 5).ticks()).containsExactly(0.0, 5.0, 10.0, 15.0, 20.0);
        assertThat(Scale.label(2.5)).isEqualTo("2.5%");
        assertThat(Scale.label(40)).isEqualTo("40%");
    }

    @Test
    void valuesOutsideTheAxisAreClamped() {
        assertThat(Scale.full().fraction(150)).isEqualTo(1.0);
        assertThat(Scale.full().fraction(-1)).isEqualTo(0.0);
        assertThat(Scale.full().fraction(50)).isEqualTo(0.5);
    }
}
