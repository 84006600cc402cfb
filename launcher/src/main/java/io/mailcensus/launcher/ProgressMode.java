package io.mailcensus.launcher;

import java.util.Locale;

/** How a scan shows its progress. */
public enum ProgressMode {
    /** A live line on a terminal, plain lines otherwise. */
    AUTO,
    /** A plain line every few seconds. */
    LINE,
    OFF;

    static ProgressMode parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserException("--progress must be auto, line or off, not '" + s + "'");
        }
    }
}
