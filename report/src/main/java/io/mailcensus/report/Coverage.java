package io.mailcensus.report;

import java.util.Locale;

/**
 * How much of a metric's base could be decided (report.md, "Coverage"): a figure is only
 * publishable with it.
 */
public enum Coverage {
    /** Every domain of the base was decided (unknown = 0). */
    MEASURED,
    /** Some were not: count is of the decided ones only, pct still count / base. */
    PARTIAL,
    /** None was decided (the probe was off, or no server could be asked): pct is null. */
    NOT_MEASURED;

    /** {@code unknown} of {@code base}; an empty base with nothing unknown is measured (0 of 0). */
    public static Coverage of(long unknown, long base) {
        if (unknown <= 0) {
            return MEASURED;
        }
        return unknown >= base ? NOT_MEASURED : PARTIAL;
    }

    /** measured, partial, not_measured: the JSON value. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
