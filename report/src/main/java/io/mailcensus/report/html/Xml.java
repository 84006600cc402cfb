package io.mailcensus.report.html;

/**
 * Escaping for text and attribute values in HTML and inline SVG. Names in the report come from
 * DNS and certificates, so every one of them goes through here before it reaches the page.
 */
public final class Xml {

    private Xml() {}

    /** Safe both as element text and inside a double- or single-quoted attribute. */
    public static String escape(String text) {
        var out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // control characters have no business in a label and are invalid in XML 1.0
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        out.append(' ');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Shortens a label that would overrun its column; the full text stays in the SVG title. */
    static String truncate(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        return text.substring(0, maxChars - 1) + "\u2026";
    }
}
