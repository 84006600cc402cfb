package io.mailcensus.worker.dns.records;

import java.util.regex.Pattern;

/**
 * The {@code _mta-sts} TXT record (RFC 8461 3.1): {@code v=STSv1; id=<1-32 alphanumerics>},
 * optional extensions, no duplicate tags.
 */
public record MtaStsRecord(String id, String invalidReason) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{1,32}");

    public boolean valid() {
        return invalidReason == null;
    }

    /** Meant as MTA-STS: starts with "v=STSv1" in any case (then judged strictly). */
    public static boolean isCandidate(String text) {
        return text.regionMatches(true, 0, "v=STSv1", 0, 7);
    }

    public static MtaStsRecord parse(String text) {
        try {
            TagList tags = TagList.parse(text);
            tags.requireVersionFirst("STSv1", true);
            tags.requireNoDuplicates();
            for (TagList.Tag tag : tags.tags().subList(1, tags.tags().size())) {
                checkExtension(tag);
            }
            String id = tags.first("id").orElseThrow(() -> new SyntaxError("missing id"));
            if (!ID.matcher(id).matches()) {
                throw new SyntaxError("id '" + id + "' is not 1-32 letters and digits");
            }
            return new MtaStsRecord(id, null);
        } catch (SyntaxError e) {
            return new MtaStsRecord(null, e.getMessage());
        }
    }

    /** Shared with TLS-RPT: extension name and value grammar of RFC 8461 and RFC 8460. */
    static void checkExtension(TagList.Tag tag) throws SyntaxError {
        if (!TagList.EXTENSION_NAME.matcher(tag.name()).matches()) {
            throw new SyntaxError("invalid tag name '" + tag.name() + "'");
        }
        if (!TagList.EXTENSION_VALUE.matcher(tag.value()).matches()) {
            throw new SyntaxError("invalid value for " + tag.name() + ": '" + tag.value() + "'");
        }
    }
}
