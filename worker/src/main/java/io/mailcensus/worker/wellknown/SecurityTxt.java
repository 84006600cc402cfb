package io.mailcensus.worker.wellknown;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A security.txt file read per RFC 9116: {@code Field: value} lines, {@code #} comments, an
 * optional OpenPGP cleartext signature around them (its framing is skipped, dash-escaping undone).
 * Valid when served as {@code text/plain}, with at least one {@code Contact:} and exactly one
 * {@code Expires:} that parses as an RFC 3339 date-time and lies in the future.
 *
 * @param contacts every Contact value, in order
 * @param expires the Expires value as written (the first, when there are several)
 * @param invalidReason null when valid
 */
public record SecurityTxt(List<String> contacts, String expires, String invalidReason) {

    private static final String PGP_BEGIN = "-----BEGIN PGP SIGNED MESSAGE-----";
    private static final String PGP_SIGNATURE = "-----BEGIN PGP SIGNATURE-----";

    public SecurityTxt {
        contacts = List.copyOf(contacts);
    }

    public boolean valid() {
        return invalidReason == null;
    }

    /**
     * @param contentType the Content-Type header, null when absent
     * @param now the instant Expires must lie after
     */
    public static SecurityTxt parse(String contentType, String body, Instant now) {
        List<String> contacts = new ArrayList<>();
        List<String> expires = new ArrayList<>();
        for (String line : content(body)) {
            int colon = line.indexOf(':');
            if (line.startsWith("#") || colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("contact") && !value.isEmpty()) {
                contacts.add(value);
            } else if (name.equals("expires")) {
                expires.add(value);
            }
        }
        String first = expires.isEmpty() ? null : expires.getFirst();
        return new SecurityTxt(contacts, first, problem(contentType, body, contacts, expires, now));
    }

    private static String problem(String contentType, String body, List<String> contacts, List<String> expires,
            Instant now) {
        if (looksLikeHtml(contentType, body)) {
            return "an HTML page, not a security.txt (soft 404?)";
        }
        if (!MediaTypes.isTextPlain(contentType)) {
            return "Content-Type is not text/plain: " + contentType;
        }
        if (contacts.isEmpty()) {
            return "no Contact";
        }
        if (expires.isEmpty()) {
            return "no Expires";
        }
        if (expires.size() > 1) {
            return expires.size() + " Expires fields (at most one)";
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(expires.getFirst()).toInstant();
        } catch (DateTimeParseException e) {
            return "Expires is not an RFC 3339 date-time: " + expires.getFirst();
        }
        if (!at.isAfter(now)) {
            return "expired on " + expires.getFirst();
        }
        return null;
    }

    /** An HTML page served where a text file belongs: by its type, or by a body that opens a tag. */
    public static boolean looksLikeHtml(String contentType, String body) {
        if (MediaTypes.is(contentType, "text/html") || MediaTypes.is(contentType, "application/xhtml+xml")) {
            return true;
        }
        String start = body.stripLeading();
        if (start.startsWith("\uFEFF")) {
            start = start.substring(1).stripLeading();
        }
        return start.startsWith("<");
    }

    /** The lines that carry fields: inside a cleartext signature, only the signed text. */
    static List<String> content(String body) {
        List<String> lines = new ArrayList<>();
        String[] raw = body.split("\r?\n", -1);
        boolean signed = raw.length > 0 && raw[0].strip().equals(PGP_BEGIN);
        int i = 0;
        if (signed) {
            i = 1;
            while (i < raw.length && !raw[i].isBlank()) {
                i++; // armor headers such as "Hash: SHA256"
            }
        }
        for (; i < raw.length; i++) {
            String line = raw[i];
            if (signed && line.strip().equals(PGP_SIGNATURE)) {
                break;
            }
            if (signed && line.startsWith("- ")) {
                line = line.substring(2);
            }
            lines.add(line);
        }
        return lines;
    }
}
