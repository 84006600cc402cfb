package io.mailcensus.store.json;

/**
 * JSON string literals, written straight into a StringBuilder. Escapes what JSON requires
 * ({@code "}, {@code \}, every control character below U+0020) and leaves all other text as
 * is, so non-ASCII travels as UTF-8. A lone surrogate (a broken UTF-16 string) becomes U+FFFD:
 * ClickHouse rejects the escape {@code \ud800} on its own, and failing a whole batch over one
 * garbled TXT record would be worse than replacing one character.
 */
public final class JsonText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {}

    /** Appends {@code value} as a quoted JSON string. */
    public static void appendQuoted(StringBuilder out, CharSequence value) {
        out.append('"');
        int length = value.length();
        int clean = 0;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++; // a valid pair: plain text
                continue;
            }
            out.append(value, clean, i);
            escape(out, c);
            clean = i + 1;
        }
        out.append(value, clean, length);
        out.append('"');
    }

    private static void escape(StringBuilder out, char c) {
        switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            default -> {
                if (Character.isSurrogate(c)) {
                    out.append('\uFFFD');
                } else {
                    out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                }
            }
        }
    }
}
