package io.mailcensus.worker.wellknown;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An MTA-STS policy body parsed per the RFC 8461 3.2 grammar: {@code key: value} lines ended by LF
 * or CRLF; {@code version: STSv1}, {@code mode} (enforce / testing / none) and {@code max_age}
 * (1 to 10 digits, at most 31557600) exactly once; {@code mx} patterns ({@code *.} then a domain,
 * ASCII only), at least one unless the mode is none; extensions with a well-formed name and a
 * non-empty value are ignored. Field names are case-sensitive, as in the grammar.
 *
 * @param invalidReason null when valid; then mode, maxAge and mx are set
 */
public record MtaStsPolicy(String mode, Long maxAge, List<String> mx, String invalidReason) {

    public static final long MAX_AGE_LIMIT = 31_557_600L;

    private static final Pattern EXTENSION_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}");
    private static final Pattern MAX_AGE = Pattern.compile("[0-9]{1,10}");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Set<String> MODES = Set.of("enforce", "testing", "none");
    /** The fields that may appear only once. */
    private static final Set<String> SINGLE = Set.of("version", "mode", "max_age");

    public MtaStsPolicy {
        mx = mx == null ? List.of() : List.copyOf(mx);
    }

    public boolean valid() {
        return invalidReason == null;
    }

    public static MtaStsPolicy invalid(String reason) {
        return new MtaStsPolicy(null, null, List.of(), reason);
    }

    public static MtaStsPolicy parse(String body) {
        String version = null;
        String mode = null;
        Long maxAge = null;
        List<String> mx = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> lines = lines(body);
        if (lines.isEmpty()) {
            return invalid("empty policy");
        }
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            int colon = line.indexOf(':');
            if (colon < 0) {
                return invalid("line " + (n + 1) + " is not key: value");
            }
            String key = line.substring(0, colon);
            String value = stripWsp(line.substring(colon + 1));
            if (value.isEmpty()) {
                return invalid("line " + (n + 1) + ": empty value for " + key);
            }
            if (SINGLE.contains(key) && !seen.add(key)) {
                return invalid(key + " appears twice");
            }
            switch (key) {
                case "version" -> version = value;
                case "mode" -> mode = value;
                case "max_age" -> {
                    if (!MAX_AGE.matcher(value).matches()) {
                        return invalid("max_age is not 1 to 10 digits: " + value);
                    }
                    maxAge = Long.parseLong(value);
                }
                case "mx" -> {
                    if (!isMxPattern(value)) {
                        return invalid("mx is not a domain or *.domain: " + value);
                    }
                    mx.add(value.toLowerCase(Locale.ROOT));
                }
                default -> {
                    if (!EXTENSION_NAME.matcher(key).matches()) {
                        return invalid("bad field name: " + key);
                    }
                    if (!value.codePoints().allMatch(c -> c == ' ' || c == '\t' || (c >= 0x21 && c != 0x7f))) {
                        return invalid("bad characters in extension " + key);
                    }
                }
            }
        }
        if (version == null) {
            return invalid("no version");
        }
        if (!version.equals("STSv1")) {
            return invalid("version is not STSv1: " + version);
        }
        if (mode == null) {
            return invalid("no mode");
        }
        if (!MODES.contains(mode)) {
            return invalid("mode is not enforce, testing or none: " + mode);
        }
        if (maxAge == null) {
            return invalid("no max_age");
        }
        if (maxAge > MAX_AGE_LIMIT) {
            return invalid("max_age " + maxAge + " is above " + MAX_AGE_LIMIT);
        }
        if (mx.isEmpty() && !mode.equals("none")) {
            return invalid("mode " + mode + " needs at least one mx");
        }
        return new MtaStsPolicy(mode, maxAge, mx, null);
    }

    /**
     * Lines split at LF (a CR before it belongs to the terminator). The grammar allows one
     * terminator after the last field; blank lines after it are tolerated, blank lines between
     * fields are not (they become "not key: value").
     */
    static List<String> lines(String body) {
        List<String> lines = new ArrayList<>(List.of(body.split("\n", -1)));
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.endsWith("\r")) {
                lines.set(i, l.substring(0, l.length() - 1));
            }
        }
        while (!lines.isEmpty() && lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        return lines;
    }

    private static String stripWsp(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == ' ' || s.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return s.substring(start, end);
    }

    /** {@code ["*."] Domain} with RFC 5321 Domain: LDH labels, ASCII only. */
    static boolean isMxPattern(String value) {
        String domain = value.startsWith("*.") ? value.substring(2) : value;
        if (domain.isEmpty() || domain.length() > 253) {
            return false;
        }
        for (String label : domain.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code mxHost} matches one of the patterns (RFC 8461 4.1). */
    public boolean matches(String mxHost) {
        return MxPatterns.matchesAny(mx, mxHost);
    }
}
