package io.mailcensus.report.sql;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.SequencedSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SQL text with ClickHouse query parameters ({@code {scan:String}}, {@code {top:UInt32}}).
 *
 * <p>The files keep ClickHouse's placeholder syntax so that {@code clickhouse client
 * --param_scan=...} runs them as they are. The store's port takes plain SQL text, so here each
 * placeholder is replaced by a literal of its declared type: strings quoted and escaped, integers
 * checked to be integers, so a scan id can never change the statement.
 */
public record SqlTemplate(String name, String text) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)\\s*:\\s*([A-Za-z0-9()]+)\\s*}");

    /** The parameter names the text uses, in order of first use. */
    public SequencedSet<String> parameters() {
        var names = new LinkedHashSet<String>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** The text with every placeholder replaced; a placeholder without a value is an error. */
    public String bind(Map<String, ?> values) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        var out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException(this.name + ": no value for parameter {" + name + "}");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(literal(matcher.group(2), values.get(name))));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    static String literal(String type, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("null value for a " + type + " parameter");
        }
        return switch (type) {
            case "String" -> quote(value.toString());
            case "UInt8", "UInt16", "UInt32", "UInt64" -> unsigned(value);
            case "Int8", "Int16", "Int32", "Int64" -> Long.toString(integer(value));
            case "Array(String)" -> array(value);
            default -> throw new IllegalArgumentException("unsupported parameter type " + type);
        };
    }

    /** A ClickHouse string literal: backslash and quote escaped, so the value stays one literal. */
    static String quote(String value) {
        var out = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\0' -> out.append("\\0");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    /** ['a', 'b'] from a list: each element a quoted string literal. */
    private static String array(Object value) {
        if (!(value instanceof java.util.Collection<?> items)) {
            throw new IllegalArgumentException("an Array(String) parameter takes a list, not " + value.getClass());
        }
        var out = new StringBuilder("CAST([");
        boolean first = true;
        for (Object item : items) {
            out.append(first ? "" : ", ").append(quote(String.valueOf(item)));
            first = false;
        }
        return out.append("] AS Array(String))").toString();
    }

    private static String unsigned(Object value) {
        long number = integer(value);
        if (number < 0) {
            throw new IllegalArgumentException("negative value " + number + " for an unsigned parameter");
        }
        return Long.toString(number);
    }

    private static long integer(Object value) {
        return switch (value) {
            case Integer i -> i;
            case Long l -> l;
            case Short s -> s;
            case Byte b -> b;
            default -> Long.parseLong(value.toString());
        };
    }
}
