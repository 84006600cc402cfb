package io.mailcensus.report.trend;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailcensus.core.port.ResultStore;
import io.mailcensus.report.Metric;
import io.mailcensus.report.Report;
import io.mailcensus.report.ReportBuilder;
import io.mailcensus.report.ScanInfo;
import io.mailcensus.report.catalog.Base;
import io.mailcensus.report.catalog.MetricCatalog;
import io.mailcensus.report.catalog.MetricDefinition;
import io.mailcensus.report.sql.JsonRows;
import io.mailcensus.report.sql.SqlFiles;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the {@link Trend} of a store: a report per scan (scans.sql) and the daily series (trend_daily.sql). */
public final class TrendBuilder {

    private static final String FORMAT = "JSONEachRow";

    private final ResultStore store;
    private final ReportBuilder reports;

    public TrendBuilder(ResultStore store, int top) {
        this.store = store;
        this.reports = new ReportBuilder(store, top);
    }

    public Trend build() {
        var scans = new ArrayList<Report>();
        for (String id : scanIds()) {
            scans.add(reports.build(id));
        }
        return new Trend(scans, days());
    }

    /** Every scan id in the store, oldest first. */
    public List<String> scanIds() {
        return query("scans.sql").stream().map(row -> row.get("id").asText()).toList();
    }

    /** The rolling daily snapshots, oldest first. */
    public List<Report> days() {
        var days = new ArrayList<Report>();
        for (JsonNode row : query("trend_daily.sql")) {
            days.add(snapshot(row));
        }
        return days;
    }

    private static Report snapshot(JsonNode row) {
        LocalDate day = LocalDate.parse(row.get("day").asText());
        Map<Base, Long> bases = new EnumMap<>(Base.class);
        for (Base base : Base.values()) {
            if (row.has(base.column())) {
                bases.put(base, JsonRows.count(row, base.column()));
            }
        }
        var metrics = new LinkedHashMap<String, Metric>();
        for (MetricDefinition definition : MetricCatalog.metrics()) {
            if (!row.has(definition.key())) {
                continue;
            }
            long count = JsonRows.count(row, definition.key());
            String unknown = "unknown." + definition.key();
            metrics.put(definition.key(), definition.countOnly()
                    ? Metric.countOnly(count)
                    : Metric.share(count, definition.base(), bases.get(definition.base()),
                            row.has(unknown) ? JsonRows.count(row, unknown) : 0));
        }
        var scan = new ScanInfo(day.toString(), day.atStartOfDay(ZoneOffset.UTC).toInstant(),
                day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), bases.getOrDefault(Base.ALL, 0L));
        return new Report(scan, bases, metrics, new LinkedHashMap<>());
    }

    private List<JsonNode> query(String file) {
        return JsonRows.parse(store.query(SqlFiles.load(file).bind(Map.of()), FORMAT));
    }
}
