package io.mailcensus.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailcensus.core.port.ResultStore;
import io.mailcensus.core.port.ScanOptions;
import io.mailcensus.report.catalog.Base;
import io.mailcensus.report.catalog.Brands;
import io.mailcensus.report.catalog.BreakdownDefinition;
import io.mailcensus.report.catalog.MetricCatalog;
import io.mailcensus.report.catalog.MetricDefinition;
import io.mailcensus.report.catalog.Section;
import io.mailcensus.report.sql.JsonRows;
import io.mailcensus.report.sql.SqlFiles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes the report of one scan by running the SQL files of {@link MetricCatalog} against the
 * store. Each metric file is one pass over the scan's results and returns one row whose columns
 * are metric keys and base sizes ({@code base.all}, ...); breakdown files return top-N rows.
 */
public final class ReportBuilder {

    public static final int DEFAULT_TOP = 10;

    private static final String FORMAT = "JSONEachRow";
    /** Column prefix: domains of the metric's base it could not decide. */
    private static final String UNKNOWN = "unknown.";
    /** Column prefix: domains of the section's base not reached, by reason. */
    private static final String UNREACHED = "unreached.";

    private final ResultStore store;
    private final int top;
    private final Brands brands;

    public ReportBuilder(ResultStore store) {
        this(store, DEFAULT_TOP);
    }

    /** @param top how many rows each breakdown keeps */
    public ReportBuilder(ResultStore store, int top) {
        this(store, top, Brands.builtIn());
    }

    /** @param brands the mapping of the *.brand breakdowns */
    public ReportBuilder(ResultStore store, int top, Brands brands) {
        if (top < 1) {
            throw new IllegalArgumentException("top must be at least 1, not " + top);
        }
        this.store = store;
        this.top = top;
        this.brands = brands;
    }

    /** @throws ScanNotFoundException when the store knows nothing of the scan */
    public Report build(String scanId) {
        Map<String, Object> parameters = new HashMap<>(brands.parameters());
        parameters.put("scan", scanId);
        parameters.put("top", top);
        ScanInfo scan = scanInfo(scanId, parameters);

        Map<String, Long> columns = new HashMap<>();
        Map<String, LinkedHashMap<String, Long>> unreachedByFile = new HashMap<>();
        for (String file : MetricCatalog.metricFiles()) {
            JsonNode row = single(file, run(file, parameters));
            var unreached = unreachedByFile.computeIfAbsent(file, f -> new LinkedHashMap<>());
            row.properties().forEach(field -> {
                long value = JsonRows.count(row, field.getKey());
                if (field.getKey().startsWith(UNREACHED)) {
                    unreached.put(field.getKey().substring(UNREACHED.length()), value);
                } else {
                    columns.put(field.getKey(), value);
                }
            });
        }
        Map<Base, Long> bases = new EnumMap<>(Base.class);
        for (Base base : Base.values()) {
            bases.put(base, required(columns, base.column()));
        }

        var metrics = new LinkedHashMap<String, Metric>();
        for (MetricDefinition definition : MetricCatalog.metrics()) {
            long count = required(columns, definition.key());
            metrics.put(
                    definition.key(),
                    definition.countOnly()
                            ? Metric.countOnly(count)
                            : Metric.share(count, definition.base(), bases.get(definition.base()),
                                    required(columns, UNKNOWN + definition.key())));
        }
        var unreached = new LinkedHashMap<Section, SectionCoverage>();
        for (Section section : Section.values()) {
            MetricCatalog.metrics(section).stream().findFirst().ifPresent(first -> unreached.put(section,
                    new SectionCoverage(unreachedByFile.getOrDefault(first.sqlFile(), new LinkedHashMap<>()))));
        }

        var breakdowns = new LinkedHashMap<String, List<BreakdownEntry>>();
        for (BreakdownDefinition definition : MetricCatalog.breakdowns()) {
            long baseCount = bases.get(definition.base());
            var entries = new ArrayList<BreakdownEntry>();
            long covered = 0;
            for (JsonNode row : run(definition.sqlFile(), parameters)) {
                long count = JsonRows.count(row, "domains");
                entries.add(new BreakdownEntry(row.get("name").asText(), count, Percent.of(count, baseCount)));
                covered = JsonRows.count(row, "covered");
            }
            // the rest of the base: domains in none of the rows (report.md), so the rows add up to the base
            // when each domain has one name, and past it only by the domains with several
            long other = Math.max(0, baseCount - covered);
            entries.add(new BreakdownEntry(BreakdownEntry.OTHER, other, Percent.of(other, baseCount)));
            breakdowns.put(definition.name(), entries);
        }
        return new Report(scan, bases, metrics, breakdowns, null, unreached);
    }

    /** The latest scan that is over (latest_scan.sql), else the latest in progress; empty for an empty store. */
    public Optional<String> latestScanId() {
        return run("latest_scan.sql", Map.of()).stream()
                .map(row -> row.get("id").asText())
                .findFirst();
    }

    private ScanInfo scanInfo(String scanId, Map<String, Object> parameters) {
        JsonNode row = single("scan.sql", run("scan.sql", parameters));
        long results = JsonRows.count(row, "results");
        boolean hasScanRow = JsonRows.count(row, "scan_rows") > 0;
        if (!hasScanRow && results == 0) {
            throw new ScanNotFoundException(scanId);
        }
        // Without a scans row (results loaded by other means), the results' own times stand in.
        Long started = JsonRows.nullableLong(row, hasScanRow ? "started_ms" : "first_started_ms");
        Long finished = JsonRows.nullableLong(row, hasScanRow ? "finished_ms" : "last_finished_ms");
        return new ScanInfo(scanId, instant(started), instant(finished), results, options(row));
    }

    private List<JsonNode> run(String file, Map<String, Object> parameters) {
        String sql = SqlFiles.load(file).bind(parameters);
        return JsonRows.parse(store.query(sql, FORMAT));
    }

    private static JsonNode single(String file, List<JsonNode> rows) {
        if (rows.size() != 1) {
            throw new IllegalStateException(file + " returned " + rows.size() + " rows, expected 1");
        }
        return rows.getFirst();
    }

    private static long required(Map<String, Long> columns, String key) {
        Long value = columns.get(key);
        if (value == null) {
            throw new IllegalStateException("no report SQL file computes " + key);
        }
        return value;
    }

    /** The options_* columns of scan.sql; NULL reads as not recorded. */
    private static ScanOptions options(JsonNode row) {
        return new ScanOptions(text(row, "options_resolver"), text(row, "options_dnssec"), bool(row, "options_smtp"),
                bool(row, "options_http"), JsonRows.nullableLong(row, "options_opt_out_entries"),
                text(row, "options_smtp_politeness"), text(row, "options_https_politeness"), text(row, "options_version"));
    }

    private static String text(JsonNode row, String field) {
        JsonNode v = row.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Boolean bool(JsonNode row, String field) {
        JsonNode v = row.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return v.isBoolean() ? v.asBoolean() : "true".equals(v.asText()) || "1".equals(v.asText());
    }

    private static Instant instant(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
    }
}
