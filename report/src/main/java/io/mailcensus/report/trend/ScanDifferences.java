package io.mailcensus.report.trend;

import io.mailcensus.core.port.ScanOptions;
import io.mailcensus.report.ScanInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * Why two scans' figures may not be comparable (report.md, Coverage): they differ in an option
 * that changes what is measured, or in size by more than 10%. One sentence per difference; none
 * when the scans match (or neither recorded its options).
 */
public final class ScanDifferences {

    /** Sizes further apart than this share of the larger are worth a warning. */
    static final double SIZE_TOLERANCE = 0.10;

    private ScanDifferences() {}

    public static List<String> between(ScanInfo current, ScanInfo other) {
        var out = new ArrayList<String>();
        long larger = Math.max(current.domains(), other.domains());
        if (larger > 0 && Math.abs(current.domains() - other.domains()) > SIZE_TOLERANCE * larger) {
            out.add(String.format(Locale.ROOT, "scans differ in size by more than 10%%: %s has %,d domains, %s %,d",
                    current.id(), current.domains(), other.id(), other.domains()));
        }
        ScanOptions a = current.options();
        ScanOptions b = other.options();
        boolean aKnown = !a.equals(ScanOptions.UNKNOWN);
        boolean bKnown = !b.equals(ScanOptions.UNKNOWN);
        if (aKnown != bKnown) {
            out.add("scan " + (aKnown ? other.id() : current.id())
                    + " did not record its options: cannot tell whether it measured the same way");
            return out;
        }
        differs(out, "resolver", a, b, ScanOptions::resolver);
        differs(out, "DNSSEC", a, b, ScanOptions::dnssec);
        differs(out, "SMTP probes", a, b, o -> onOff(o.smtp()));
        differs(out, "HTTPS probes", a, b, o -> onOff(o.http()));
        differs(out, "opt-out entries", a, b, ScanOptions::optOutEntries);
        differs(out, "SMTP politeness", a, b, ScanOptions::smtpPoliteness);
        differs(out, "HTTPS politeness", a, b, ScanOptions::httpsPoliteness);
        differs(out, "mailcensus version", a, b, ScanOptions::version);
        return out;
    }

    private static void differs(List<String> out, String what, ScanOptions a, ScanOptions b,
            Function<ScanOptions, Object> field) {
        Object x = field.apply(a);
        Object y = field.apply(b);
        if (x != null && y != null && !Objects.equals(x, y)) {
            out.add("options differ: " + what + " " + x + " vs " + y);
        }
    }

    private static String onOff(Boolean on) {
        return on == null ? null : on ? "on" : "off";
    }
}
