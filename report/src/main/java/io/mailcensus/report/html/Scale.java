package io.mailcensus.report.html;

import java.util.ArrayList;
import java.util.List;

/** A percentage axis from 0 to a round maximum, with evenly spaced round ticks. */
public record Scale(double max, double step) {

    /** Up to 100 %: the smallest of 1, 2, 5, 10, 20, 25, 50, 100 that holds the value with ~5 ticks. */
    public static Scale percent(double largest) {
        double[] steps = {0.2, 0.5, 1, 2, 5, 10, 20, 25};
        for (double step : steps) {
            double max = Math.max(step, Math.ceil(largest / step - 1e-9) * step);
            if (max / step <= 5) {
                return new Scale(Math.min(max, 100), step);
            }
        }
        return new Scale(100, 20);
    }

    /** The whole 0..100 % range, for shares that are best compared with each other. */
    public static Scale full() {
        return new Scale(100, 20);
    }

    public List<Double> ticks() {
        var ticks = new ArrayList<Double>();
        for (int i = 0; i * step <= max + 1e-9; i++) {
            ticks.add(i * step);
        }
        return ticks;
    }

    /** The fraction of the axis length at which the value lies, clamped to the axis. */
    public double fraction(double value) {
        return Math.clamp(value / max, 0.0, 1.0);
    }

    /** "20%", "2.5%", "0.2%": as few decimals as the tick needs. */
    public static String label(double value) {
        if (value == Math.rint(value)) {
            return (long) value + "%";
        }
        return String.format(java.util.Locale.ROOT, "%.1f%%", value);
    }
}
