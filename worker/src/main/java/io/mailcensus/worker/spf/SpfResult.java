package io.mailcensus.worker.spf;

import java.util.Locale;

/** The seven results of RFC 7208 {@code check_host()} (section 2.6). */
public enum SpfResult {
    NONE, NEUTRAL, PASS, FAIL, SOFTFAIL, TEMPERROR, PERMERROR;

    /** As RFC 7208 and Received-SPF write it: lower case. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    static SpfResult ofQualifier(char qualifier) {
        return switch (qualifier) {
            case '-' -> FAIL;
            case '~' -> SOFTFAIL;
            case '?' -> NEUTRAL;
            default -> PASS;
        };
    }
}
