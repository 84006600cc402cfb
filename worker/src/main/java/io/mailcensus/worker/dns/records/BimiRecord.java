package io.mailcensus.worker.dns.records;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code default._bimi} TXT record (draft-brand-indicators-for-message-identification):
 * {@code v=BIMI1}, {@code l=} logo URL (https, or empty to decline), {@code a=} evidence URL
 * (a VMC/CMC, https or empty), {@code avp=brand|personal}, {@code lps=} local-part selectors.
 * Duplicate tags are invalid; unknown tags are ignored (tag-list convention; checkdmarc rejects
 * them).
 *
 * @param logo the l= URL, null when absent or empty
 * @param evidence the a= URL, null when absent or empty
 */
public record BimiRecord(String logo, String evidence, String invalidReason) {

    private static final Pattern LOCAL_PART = Pattern.compile("[A-Za-z0-9-]+");

    public boolean valid() {
        return invalidReason == null;
    }

    /** Meant as BIMI: starts with "v=BIMI1" in any case (then judged strictly). */
    public static boolean isCandidate(String text) {
        return Wsp.trim(text).regionMatches(true, 0, "v=BIMI1", 0, 7);
    }

    public static BimiRecord parse(String text) {
        try {
            TagList tags = TagList.parse(text);
            // draft-brand-indicators-for-message-identification-10 4.3: bimi-version = "v" *WSP "=" *WSP "BIMI1",
            // a quoted ABNF string, which RFC 5234 2.3 makes case-insensitive (the older %x42.49.4d.49 was not).
            // The prose beside it ("MUST match precisely") pulls the other way; the grammar is followed here.
            tags.requireVersionFirst("BIMI1", false, false);
            tags.requireNoDuplicates();
            tags.requireNames(TagList.DKIM_TAG_NAME);
            String logo = httpsOrEmpty(tags, "l");
            String evidence = httpsOrEmpty(tags, "a");
            Optional<String> avp = tags.first("avp");
            if (avp.isPresent() && !Set.of("brand", "personal").contains(avp.get().toLowerCase(Locale.ROOT))) {
                throw new SyntaxError("avp=" + avp.get() + " is neither brand nor personal");
            }
            Optional<String> lps = tags.first("lps");
            if (lps.isPresent()) {
                List<String> parts = ReportUris.split("lps", lps.get());
                for (String part : parts) {
                    if (!LOCAL_PART.matcher(part).matches()) {
                        throw new SyntaxError("lps: '" + part + "' is not letters, digits and '-'");
                    }
                }
            }
            return new BimiRecord(logo, evidence, null);
        } catch (SyntaxError e) {
            return new BimiRecord(null, null, e.getMessage());
        }
    }

    private static String httpsOrEmpty(TagList tags, String name) throws SyntaxError {
        Optional<String> value = tags.first(name);
        if (value.isEmpty() || value.get().isEmpty()) {
            return null;
        }
        String scheme = ReportUris.checkUri(name, value.get());
        if (!scheme.equalsIgnoreCase("https")) {
            throw new SyntaxError(name + "=" + value.get() + " is not an https: URL");
        }
        return value.get();
    }
}
