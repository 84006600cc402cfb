package io.mailcensus.worker.wellknown;

import java.util.Collection;
import java.util.Locale;

/**
 * MX host names against MTA-STS mx patterns (RFC 8461 4.1): an exact, case-insensitive match, or
 * {@code *.suffix} matching exactly one more label on the left ({@code *.example.com} matches
 * {@code mx.example.com}, not {@code example.com} nor {@code a.b.example.com}).
 */
public final class MxPatterns {

    private MxPatterns() {}

    public static boolean matchesAny(Collection<String> patterns, String mxHost) {
        String host = normalise(mxHost);
        if (host.isEmpty()) {
            return false;
        }
        for (String pattern : patterns) {
            if (matches(normalise(pattern), host)) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(String pattern, String host) {
        if (!pattern.startsWith("*.")) {
            return pattern.equals(host);
        }
        int dot = host.indexOf('.');
        return dot > 0 && host.substring(dot + 1).equals(pattern.substring(2));
    }

    private static String normalise(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
