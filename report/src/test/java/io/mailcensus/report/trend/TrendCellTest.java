package io.mailcensus.report.trend;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.report.Metric;
import io.mailcensus.report.catalog.Base;
import org.junit.jupiter.api.Test;

/** A point of the trend is published with its coverage, as every figure of the report. */
class TrendCellTest {

    @Test
    void aPartialPointSaysHowManyWereUnknown() {
        assertThat(TrendFormatter.cell(Metric.share(40, Base.MX, 100, 12))).isEqualTo("40.00 (12 unknown)");
    }

    @Test
    void aPointWithNothingDecidedIsNotMeasuredNeverZero() {
        assertThat(TrendFormatter.cell(Metric.share(0, Base.MX, 100, 100))).isEqualTo("not measured");
    }

    @Test
    void aMeasuredPointIsItsPct() {
        assertThat(TrendFormatter.cell(Metric.share(25, Base.MX, 100, 0))).isEqualTo("25.00");
        assertThat(TrendFormatter.cell(null)).isEqualTo("-");
    }
}
