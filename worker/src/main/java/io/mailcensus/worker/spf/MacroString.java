package io.mailcensus.worker.spf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * An RFC 7208 section 7 macro-string, parsed once: literals and {@code %{letter digits r
 * delimiters}} expansions, plus {@code %%}, {@code %_} and {@code %-}.
 */
final class MacroString {

    private static final String LETTERS = "slodipvh";
    private static final String EXPLANATION_ONLY = "crt";
    private static final String DELIMITERS = ".-+,/_=";

    private sealed interface Part {}

    private record Literal(String text) implements Part {}

    private record Expand(char letter, boolean escape, int digits, boolean reverse, String delimiters) implements Part {}

    private final String text;
    private final List<Part> parts;
    private final boolean endsWithMacroExpand;

    private MacroString(String text, List<Part> parts, boolean endsWithMacroExpand) {
        this.text = text;
        this.parts = parts;
        this.endsWithMacroExpand = endsWithMacroExpand;
    }

    /** @param explanation an exp= TXT text, where c, r and t are allowed too */
    static MacroString parse(String text, boolean explanation) throws SpfSyntaxException {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        boolean lastWasExpand = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            lastWasExpand = c == '%';
            if (c != '%') {
                // Explanation strings may hold spaces; domain-specs were split on them already.
                if (c < 0x20 || c > 0x7e || (!explanation && c == ' ')) {
                    throw new SpfSyntaxException("character 0x" + Integer.toHexString(c) + " not allowed in '" + text + "'");
                }
                literal.append(c);
                i++;
                continue;
            }
            if (i + 1 >= text.length()) {
                throw new SpfSyntaxException("lone '%' at the end of '" + text + "'");
            }
            char next = text.charAt(i + 1);
            switch (next) {
                case '%' -> literal.append('%');
                case '_' -> literal.append(' ');
                case '-' -> literal.append("%20");
                case '{' -> {
                    int close = text.indexOf('}', i);
                    if (close < 0) {
                        throw new SpfSyntaxException("unclosed macro in '" + text + "'");
                    }
                    if (!literal.isEmpty()) {
                        parts.add(new Literal(literal.toString()));
                        literal.setLength(0);
                    }
                    parts.add(expand(text.substring(i + 2, close), explanation, text));
                    i = close + 1;
                    continue;
                }
                default -> throw new SpfSyntaxException("'%" + next + "' is not a macro in '" + text + "'");
            }
            i += 2;
        }
        if (!literal.isEmpty()) {
            parts.add(new Literal(literal.toString()));
        }
        return new MacroString(text, List.copyOf(parts), lastWasExpand);
    }

    private static Expand expand(String body, boolean explanation, String text) throws SpfSyntaxException {
        if (body.isEmpty()) {
            throw new SpfSyntaxException("empty macro in '" + text + "'");
        }
        char letter = body.charAt(0);
        char lower = Character.toLowerCase(letter);
        if (LETTERS.indexOf(lower) < 0 && !(explanation && EXPLANATION_ONLY.indexOf(lower) >= 0)) {
            throw new SpfSyntaxException("unknown macro letter '" + letter + "' in '" + text + "'");
        }
        int i = 1;
        while (i < body.length() && Character.isDigit(body.charAt(i))) {
            i++;
        }
        int digits = 0;
        if (i > 1) {
            try {
                digits = Integer.parseInt(body.substring(1, i));
            } catch (NumberFormatException e) {
                digits = Integer.MAX_VALUE;
            }
            if (digits == 0) {
                throw new SpfSyntaxException("macro digit transformer 0 in '" + text + "'");
            }
        }
        boolean reverse = false;
        if (i < body.length() && (body.charAt(i) == 'r' || body.charAt(i) == 'R')) {
            reverse = true;
            i++;
        }
        String delimiters = body.substring(i);
        for (char d : delimiters.toCharArray()) {
            if (DELIMITERS.indexOf(d) < 0) {
                throw new SpfSyntaxException("bad macro delimiter '" + d + "' in '" + text + "'");
            }
        }
        return new Expand(lower, Character.isUpperCase(letter), digits, reverse, delimiters.isEmpty() ? "." : delimiters);
    }

    /** Whether expanding needs the validated domain name of the client (a PTR walk). */
    boolean usesP() {
        return parts.stream().anyMatch(p -> p instanceof Expand e && e.letter() == 'p');
    }

    /**
     * True when the string ends in a macro-expand (RFC 7208 7.1): {@code %{...}}, or one of the
     * literals {@code %%}, {@code %_}, {@code %-}, which the grammar's domain-end allows as well
     * although they expand to plain text.
     */
    boolean endsWithMacro() {
        return endsWithMacroExpand;
    }

    String text() {
        return text;
    }

    /** @param validated the %{p} value, or null when {@link #usesP()} is false */
    String expand(MacroContext ctx, String validated) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            switch (part) {
                case Literal l -> out.append(l.text());
                case Expand e -> out.append(apply(e, value(e.letter(), ctx, validated)));
            }
        }
        return out.toString();
    }

    private static String value(char letter, MacroContext ctx, String validated) {
        return switch (letter) {
            case 's' -> ctx.sender();
            case 'l' -> ctx.localPart();
            case 'o' -> ctx.senderDomain();
            case 'd' -> ctx.domain();
            case 'i' -> Addresses.dotted(ctx.ip());
            case 'p' -> validated == null ? "unknown" : validated;
            case 'v' -> Addresses.isV4(ctx.ip()) ? "in-addr" : "ip6";
            case 'h' -> ctx.helo();
            case 'c' -> Addresses.readable(ctx.ip());
            case 'r' -> ctx.receiver();
            case 't' -> Long.toString(ctx.timestamp());
            default -> throw new IllegalStateException("unparsed macro letter " + letter);
        };
    }

    private static String apply(Expand e, String value) {
        List<String> labels = new ArrayList<>(split(value, e.delimiters()));
        if (e.reverse()) {
            Collections.reverse(labels);
        }
        if (e.digits() > 0 && e.digits() < labels.size()) {
            labels = labels.subList(labels.size() - e.digits(), labels.size());
        }
        String joined = String.join(".", labels);
        return e.escape() ? urlEscape(joined) : joined;
    }

    private static List<String> split(String value, String delimiters) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            if (delimiters.indexOf(value.charAt(i)) >= 0) {
                out.add(value.substring(start, i));
                start = i + 1;
            }
        }
        out.add(value.substring(start));
        return out;
    }

    /** RFC 7208 7.3: upper-case macros are URL-escaped; everything outside "unreserved" (RFC 3986). */
    private static String urlEscape(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return text + " " + Arrays.toString(parts.toArray());
    }
}
