package io.mailcensus.report.format;

import io.mailcensus.report.catalog.Section;
import java.util.Locale;

/** Section names as keys: "overview", "dnssec_ns", "starttls", ... */
final class Sections {

    private Sections() {}

    static String slug(Section section) {
        return section.name().toLowerCase(Locale.ROOT);
    }
}
