package io.mailcensus.store.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailcensus.core.port.ResultStore;
import io.mailcensus.core.port.ScanOptions;
import io.mailcensus.core.port.ScanRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code scans} rows back into {@link ScanRecord}s, for the CLI and the aggregator alike. */
public final class ScanTable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter CH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]");

    private ScanTable() {}

    /** Runs {@code sql} (a SELECT * of the scans table) and reads its rows. */
    public static List<ScanRecord> read(ResultStore store, String sql) {
        List<ScanRecord> out = new ArrayList<>();
        for (String line : store.query(sql, "JSONEachRow").split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode n = JSON.readTree(line);
                out.add(new ScanRecord(n.get("id").asText(), time(n.get("started")), time(n.get("finished")),
                        n.get("state").asText(), n.get("source").asText(), n.get("domains_total").asLong(),
                        n.get("domains_done").asLong(), n.get("rejected").asLong(), time(n.get("updated")),
                        options(n), time(n.get("feeding_finished")), n.path("enqueued").asLong(), n.path("failed").asLong(),
                        n.path("in_flight").asLong()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** The options_* columns; absent or NULL (a row from before they were recorded) reads as null. */
    static ScanOptions options(JsonNode n) {
        return new ScanOptions(text(n, "options_resolver"), text(n, "options_dnssec"), bool(n, "options_smtp"),
                bool(n, "options_http"), number(n, "options_opt_out_entries"), text(n, "options_smtp_politeness"),
                text(n, "options_https_politeness"), text(n, "options_version"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Boolean bool(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.isBoolean() ? v.asBoolean() : "true".equals(v.asText()) || "1".equals(v.asText());
    }

    private static Long number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : Long.valueOf(v.asText());
    }

    /** A ClickHouse string literal. */
    public static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** A TabSeparated field back to its text (ClickHouse escapes backslash, tab and newline). */
    public static String unescapeTsv(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder b = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 1 < field.length()) {
                char n = field.charAt(++i);
                b.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case '0' -> '\0';
                    default -> n;
                });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static Instant time(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        return LocalDateTime.parse(n.asText(), CH_TIME).toInstant(ZoneOffset.UTC);
    }
}
