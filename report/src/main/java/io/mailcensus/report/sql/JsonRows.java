package io.mailcensus.report.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the engine's {@code JSONEachRow} output: one JSON object per line.
 *
 * <p>64-bit integers arrive as numbers or, when the engine quotes them
 * ({@code output_format_json_quote_64bit_integers}, on by default before ClickHouse 25), as
 * strings; {@link #count} reads both.
 */
public final class JsonRows {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonRows() {}

    public static List<JsonNode> parse(String output) {
        var rows = new ArrayList<JsonNode>();
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                rows.add(MAPPER.readTree(line));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("not a JSONEachRow line: " + line, e);
            }
        }
        return rows;
    }

    /** An exact non-negative integer field; missing, null or fractional values are errors. */
    public static long count(JsonNode row, String field) {
        JsonNode value = row.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalStateException("no value for " + field + " in " + row);
        }
        if (value.isIntegralNumber()) {
            return value.longValue();
        }
        if (value.isTextual()) {
            return Long.parseLong(value.textValue());
        }
        throw new IllegalStateException("not an integer: " + field + " = " + value);
    }

    /** An integer field that may be null (e.g. the end of a running scan). */
    public static Long nullableLong(JsonNode row, String field) {
        JsonNode value = row.get(field);
        return value == null || value.isNull() ? null : count(row, field);
    }
}
