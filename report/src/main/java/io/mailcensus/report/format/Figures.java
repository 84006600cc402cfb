package io.mailcensus.report.format;

import io.mailcensus.report.Metric;
import io.mailcensus.report.catalog.Base;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** How the human formats (text, md) write numbers: the same on every machine, whatever its locale. */
public final class Figures {

    private Figures() {}

    public static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    public static String pct(Double pct) {
        return pct == null ? "-" : String.format(Locale.ROOT, "%.2f", pct);
    }

    /** A change in percentage points with its sign: "+3.46", "-0.10", "0.00"; "-" when there is none. */
    public static String points(Double points) {
        if (points == null) {
            return "-";
        }
        return (points > 0 ? "+" : "") + String.format(Locale.ROOT, "%.2f", points);
    }

    /** "mx (1,780,602)", or "-" for a bare count. */
    static String base(Metric metric) {
        if (metric.base() == null) {
            return "-";
        }
        return metric.base().label() + " (" + count(metric.baseCount()) + ")";
    }

    static String base(Base base, Map<Base, Long> sizes) {
        Long size = sizes.get(base);
        return base.label() + (size == null ? "" : " (" + count(size) + ")");
    }

    public static String instant(Instant instant, String whenNull) {
        return instant == null ? whenNull : instant.toString();
    }

    /** "all 8, mx 5, mail 3, starttls 2". */
    static String bases(Map<Base, Long> sizes) {
        var out = new StringBuilder();
        for (Base base : Base.values()) {
            Long size = sizes.get(base);
            if (size != null) {
                out.append(out.isEmpty() ? "" : ", ").append(base.label()).append(' ').append(count(size));
            }
        }
        return out.toString();
    }
}
