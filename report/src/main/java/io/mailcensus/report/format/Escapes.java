package io.mailcensus.report.format;

/**
 * Text from the network (certificate O=, provider names, records) printed on a terminal or in
 * Markdown: a hostile server's escape sequences must not reach the reader's terminal, so every
 * control character (C0, DEL, C1) is written as a visible {@code \xNN} / {@code \u009B}.
 */
public final class Escapes {

    private Escapes() {}

    public static String text(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean control = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0);
            if (control && out == null) {
                out = new StringBuilder(value.length() + 8).append(value, 0, i);
            }
            if (out != null) {
                if (!control) {
                    out.append(c);
                } else if (c < 0x100 && c <= 0x7f) {
                    out.append(String.format("\\x%02x", (int) c));
                } else {
                    out.append(String.format("\\u%04x", (int) c));
                }
            }
        }
        return out == null ? value : out.toString();
    }
}
