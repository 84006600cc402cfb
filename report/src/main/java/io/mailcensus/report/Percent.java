package io.mailcensus.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Shares as report.md prints them: count / base * 100, rounded half up to 2 decimals. */
public final class Percent {

    private Percent() {}

    /** 0.0 when the base is empty, so that every metric has a number. */
    public static double of(long count, long base) {
        if (base == 0) {
            return 0.0;
        }
        return BigDecimal.valueOf(count)
                .multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(base), 2, RoundingMode.HALF_UP)
                .doubleValue();
    }

    /**
     * {@code now - then} in percentage points, from the rounded pcts the report prints (so that
     * "from 7.80% to 11.26%" reads +3.46), exact to 2 decimals; null when either is null.
     */
    public static Double points(Double now, Double then) {
        if (now == null || then == null) {
            return null;
        }
        return BigDecimal.valueOf(now).subtract(BigDecimal.valueOf(then)).setScale(2, RoundingMode.HALF_UP)
                .doubleValue();
    }
}
