package io.mailcensus.store.http;

import io.mailcensus.store.StoreException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ClickHouse query parameters: {@code {name:Type}} in the SQL, the value in the request as
 * {@code param_name}. The embedded engine's C API takes no parameters, so they are bound here,
 * as a typed literal: {@code CAST('value' AS Type)} (an {@code Identifier} becomes a quoted
 * identifier). The value arrives in ClickHouse's escaped text form ({@code \t}, {@code \\},
 * {@code \'} ...); it is unescaped and then quoted again in full, so no value can end the
 * literal early. Placeholders inside string literals or comments are left alone.
 */
final class QueryParameters {

    /** The inside of {@code {name:Type}}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*:\\s*(.+?)\\s*");

    private QueryParameters() {}

    /** {@code sql} with every {@code {name:Type}} bound from {@code values} (name to escaped text). */
    static String bind(String sql, Map<String, String> values) {
        if (sql.indexOf('{') < 0) {
            return sql;
        }
        StringBuilder out = new StringBuilder(sql.length() + 64);
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = endOfQuoted(sql, i, c);
                out.append(sql, i, end);
                i = end;
            } else if (c == '-' && sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? sql.length() : end;
                out.append(sql, i, end);
                i = end;
            } else if (c == '/' && sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                end = end < 0 ? sql.length() : end + 2;
                out.append(sql, i, end);
                i = end;
            } else if (c == '{') {
                int close = sql.indexOf('}', i);
                Matcher placeholder = close < 0 ? null : PLACEHOLDER.matcher(sql.substring(i + 1, close));
                if (placeholder == null || !placeholder.matches()) {
                    out.append(c);
                    i++;
                    continue;
                }
                String name = placeholder.group(1);
                String type = placeholder.group(2);
                String value = values.get(name);
                if (value == null) {
                    throw new StoreException("Code: 456. DB::Exception: Substitution `" + name
                            + "` is not set. (UNKNOWN_QUERY_PARAMETER)");
                }
                out.append(literal(unescape(value), type));
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String literal(String value, String type) {
        if (type.equals("Identifier")) {
            return "`" + value.replace("\\", "\\\\").replace("`", "\\`") + "`";
        }
        if (!type.matches("[A-Za-z0-9_(), ']+")) {
            throw new StoreException("Code: 50. DB::Exception: Unsupported parameter type " + type + ". (UNKNOWN_TYPE)");
        }
        return "CAST('" + value.replace("\\", "\\\\").replace("'", "\\'") + "' AS " + type + ")";
    }

    /** ClickHouse's escaped text form (as in TabSeparated) to the plain string. */
    static String unescape(String escaped) {
        if (escaped.indexOf('\\') < 0) {
            return escaped;
        }
        StringBuilder out = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c != '\\' || i + 1 == escaped.length()) {
                out.append(c);
                continue;
            }
            char next = escaped.charAt(++i);
            out.append(switch (next) {
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 'b' -> '\b';
                case 'f' -> '\f';
                case '0' -> '\0';
                case 'a' -> '\u0007';
                case 'v' -> '\u000b';
                default -> next;
            });
        }
        return out.toString();
    }

    /** The index after the quoted string, identifier or name that opens at {@code start} with {@code quote}. */
    static int endOfQuoted(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }
}
