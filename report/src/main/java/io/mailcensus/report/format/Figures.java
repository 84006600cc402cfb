package io.mailcensus.report.format;

import io.mailcensus.report.Metric;
import io.mailcensus.core.port.ScanOptions;
import io.mailcensus.report.Report;
import io.mailcensus.report.ScanInfo;
import io.mailcensus.report.SectionCoverage;
import io.mailcensus.report.catalog.MetricCatalog;
import io.mailcensus.report.catalog.MetricDefinition;
import io.mailcensus.report.catalog.Section;
import io.mailcensus.report.catalog.Base;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.Map;

/** How the human formats (text, md) write numbers: the same on every machine, whatever its locale. */
public final class Figures {

    public static final String NOT_MEASURED = "not measured";

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

    /** The % cell: "not measured" where nothing of the base was decided, never 0%. */
    public static String pct(Metric metric) {
        return metric.measured() ? pct(metric.pct()) : NOT_MEASURED;
    }

    /** The unknown cell: empty when every domain of the base was decided. */
    static String unknown(Metric metric) {
        return metric.unknown() == 0 ? "" : count(metric.unknown());
    }

    /**
     * "12 of mx (1,923) not reached: 7 timeout, 5 refused" for a section, or "" when the section
     * says nothing is missing. The base is the section's first share metric's.
     */
    static String notReached(Section section, Report report) {
        SectionCoverage reach = report.unreached(section);
        if (reach.reasons().isEmpty()) {
            return "";
        }
        Base base = MetricCatalog.metrics(section).stream().map(MetricDefinition::base).filter(b -> b != null)
                .findFirst().orElse(Base.ALL);
        return reach.describe(Figures::count).replaceFirst(" not reached: ",
                " of " + base(base, report.bases()) + " not reached: ");
    }

    /**
     * The scan's options for a report header: (name, value) pairs; one pair "not recorded" for a
     * scan whose row has none.
     */
    public static List<String[]> options(ScanInfo scan) {
        ScanOptions o = scan.options();
        if (o.equals(ScanOptions.UNKNOWN)) {
            return List.<String[]>of(new String[] {"options", "not recorded"});
        }
        var what = new StringJoiner(", ");
        what.add("resolver " + orUnknown(o.resolver()));
        what.add("DNSSEC " + orUnknown(o.dnssec()));
        what.add("SMTP " + onOff(o.smtp()));
        what.add("HTTPS " + onOff(o.http()));
        what.add("opt-out " + (o.optOutEntries() == null ? "?" : count(o.optOutEntries())) + " entries");
        what.add("mailcensus " + orUnknown(o.version()));
        return List.of(new String[] {"options", what.toString()},
                new String[] {"smtp gates", orUnknown(o.smtpPoliteness())},
                new String[] {"https gates", orUnknown(o.httpsPoliteness())});
    }

    private static String orUnknown(Object value) {
        return value == null ? "?" : value.toString();
    }

    private static String onOff(Boolean on) {
        return on == null ? "?" : on ? "on" : "off";
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
