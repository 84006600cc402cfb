package io.mailcensus.store.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a ClickHouse HTTP request asks for: its URL parameters and what follows from them. */
record HttpRequestQuery(Map<String, String> params) {

    /** URL parameters that are part of the protocol; any other (not param_*) is a ClickHouse setting. */
    private static final java.util.Set<String> PROTOCOL = java.util.Set.of(
            "query", "database", "default_format", "compress", "decompress", "enable_http_compression",
            "query_id", "user", "password", "quota_key", "session_id", "session_check", "session_timeout",
            "session_timezone", "role", "buffer_size", "wait_end_of_query", "http_wait_end_of_query",
            "send_progress_in_http_headers", "http_headers_progress_interval_ms", "extremes",
            "add_http_cors_header", "client_protocol_version");
    private static final Pattern SETTING_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private static final Pattern TRAILING_FORMAT =
            Pattern.compile("(?is)\\bFORMAT\\s+([A-Za-z0-9_]+)\\s*;?\\s*$");

    static HttpRequestQuery parse(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                params.put(name, value);
            }
        }
        return new HttpRequestQuery(params);
    }

    String get(String name) {
        return params.get(name);
    }

    boolean flag(String name) {
        String value = params.get(name);
        return value != null && (value.equals("1") || value.equalsIgnoreCase("true"));
    }

    /** {@code param_NAME} values, by NAME. */
    Map<String, String> queryParameters() {
        Map<String, String> values = new LinkedHashMap<>();
        params.forEach((name, value) -> {
            if (name.startsWith("param_")) {
                values.put(name.substring("param_".length()), value);
            }
        });
        return values;
    }

    /**
     * The settings among the parameters as a SETTINGS clause's items ({@code a = 1, b = 'x'}),
     * or "" when there are none; names that are not identifiers, and guarded settings, are dropped.
     */
    String settingsClause() {
        StringBuilder clause = new StringBuilder();
        params.forEach((name, value) -> {
            // The settings that bound a query are the server's to set (StatementGuard), so a client's are dropped.
            if (PROTOCOL.contains(name) || name.startsWith("param_") || !SETTING_NAME.matcher(name).matches()
                    || StatementGuard.GUARDED_SETTINGS.contains(name.toUpperCase(Locale.ROOT))) {
                return;
            }
            if (!clause.isEmpty()) {
                clause.append(", ");
            }
            clause.append(name).append(" = ").append(NUMBER.matcher(value).matches() ? value
                    : "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'");
        });
        return clause.toString();
    }

    /** The format a {@code FORMAT name} at the end of {@code sql} asks for, or null. */
    static String formatIn(String sql) {
        Matcher m = TRAILING_FORMAT.matcher(sql);
        return m.find() ? m.group(1) : null;
    }

    static String firstKeyword(String sql) {
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (sql.startsWith("--", i)) {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? sql.length() : nl + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
            } else {
                break;
            }
        }
        int end = i;
        while (end < sql.length() && Character.isLetter(sql.charAt(end))) {
            end++;
        }
        return sql.substring(i, end).toUpperCase(Locale.ROOT);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
