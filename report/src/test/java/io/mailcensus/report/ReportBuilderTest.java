package io.mailcensus.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailcensus.core.port.ResultStore;
import io.mailcensus.core.port.ScanRecord;
import io.mailcensus.report.catalog.Base;
import io.mailcensus.report.catalog.MetricCatalog;
import io.mailcensus.report.catalog.MetricDefinition;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.MailServerResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The builder's plumbing against a stand-in store that answers like the engine does. */
class ReportBuilderTest {

    private final AnsweringStore store = new AnsweringStore();

    @Test
    void everyCatalogMetricGetsItsCountAndTheSizeOfItsBase() {
        store.values.put("base.all", 200L);
        store.values.put("base.mx", 80L);
        store.values.put("base.starttls", 0L);
        store.values.put("mx.present", 80L);
        store.values.put("spf.present", 60L);
        store.values.put("starttls.all", 0L);

        Report report = new ReportBuilder(store).build("s1");

        assertThat(report.metrics().keySet())
                .containsExactlyElementsOf(MetricCatalog.metrics().stream().map(MetricDefinition::key).toList());
        assertThat(report.metrics().get("mx.present")).isEqualTo(new Metric(80, Base.ALL, 200L, 40.0));
        assertThat(report.metrics().get("spf.present")).isEqualTo(new Metric(60, Base.MX, 80L, 75.0));
        assertThat(report.metrics().get("starttls.all")).isEqualTo(new Metric(0, Base.MX, 80L, 0.0));
        assertThat(report.metrics().get("m365.tenants_unique").pct()).isNull();
        assertThat(report.bases()).containsEntry(Base.STARTTLS, 0L).containsEntry(Base.MAIL, 1L);
    }

    @Test
    void unknownColumnsGiveEachMetricItsCoverageAndANotMeasuredOneHasNoPct() {
        store.values.put("base.mx", 80L);
        store.values.put("unknown.spf.present", 20L);
        store.values.put("unknown.starttls.all", 80L);
        store.values.put("unreached.timeout", 3L);

        Report report = new ReportBuilder(store).build("s1");

        assertThat(report.metrics().get("spf.present")).isEqualTo(new Metric(1, Base.MX, 80L, 1.25, 20, Coverage.PARTIAL));
        assertThat(report.metrics().get("starttls.all")).isEqualTo(new Metric(1, Base.MX, 80L, null, 80, Coverage.NOT_MEASURED));
        assertThat(report.metrics().get("mx.null").coverage()).isEqualTo(Coverage.MEASURED);
        assertThat(report.unreached(io.mailcensus.report.catalog.Section.STARTTLS).reasons())
                .containsEntry("timeout", 3L);
    }

    @Test
    void eachMetricFileRunsOnceWithTheScanIdAsAQuotedLiteral() {
        new ReportBuilder(store).build("it's");

        var metricQueries = store.queries.stream().filter(sql -> sql.contains("AS `")).toList();
        assertThat(metricQueries).hasSize(MetricCatalog.metricFiles().size());
        assertThat(store.queries).allMatch(sql -> !sql.contains("{scan:String}") && !sql.contains("{top:UInt32}"));
        assertThat(metricQueries).allMatch(sql -> sql.contains("scan_id = 'it\\'s'"));
        assertThat(store.formats).containsOnly("JSONEachRow");
    }

    @Test
    void breakdownRowsKeepTheirOrderAndTakePctOfTheirBase() {
        store.values.put("base.mx", 400L);
        store.breakdownRows = "{\"name\":\"hostpoint.ch\",\"domains\":\"100\",\"covered\":102}\n"
                + "{\"name\":\"infomaniak.com\",\"domains\":3,\"covered\":102}\n";

        Report report = new ReportBuilder(store, 2).build("s1");

        assertThat(report.breakdowns().get("mx.provider"))
                .containsExactly(new BreakdownEntry("hostpoint.ch", 100, 25.0), new BreakdownEntry("infomaniak.com", 3, 0.75),
                        new BreakdownEntry("other", 298, 74.5));
        assertThat(store.queries).anyMatch(sql -> sql.contains("mx_providers") && sql.contains("LIMIT 2"));
    }

    @Test
    void scanTimesComeFromTheScansRowAndARunningScanHasNoFinish() {
        store.scanRow = "{\"scan_rows\":1,\"started_ms\":1000,\"finished_ms\":null,\"state\":\"running\","
                + "\"results\":\"7\",\"first_started_ms\":5000,\"last_finished_ms\":9000}";

        ScanInfo scan = new ReportBuilder(store).build("s1").scan();

        assertThat(scan).isEqualTo(new ScanInfo("s1", Instant.ofEpochMilli(1000), null, 7));
    }

    @Test
    void withoutAScansRowTheResultsTimesStandIn() {
        store.scanRow = "{\"scan_rows\":0,\"started_ms\":null,\"finished_ms\":null,\"state\":null,"
                + "\"results\":7,\"first_started_ms\":5000,\"last_finished_ms\":9000}";

        ScanInfo scan = new ReportBuilder(store).build("s1").scan();

        assertThat(scan).isEqualTo(new ScanInfo("s1", Instant.ofEpochMilli(5000), Instant.ofEpochMilli(9000), 7));
    }

    @Test
    void aScanTheStoreDoesNotKnowIsAnError() {
        store.scanRow = "{\"scan_rows\":0,\"started_ms\":null,\"finished_ms\":null,\"state\":null,"
                + "\"results\":0,\"first_started_ms\":null,\"last_finished_ms\":null}";

        assertThatThrownBy(() -> new ReportBuilder(store).build("nope"))
                .isInstanceOf(ScanNotFoundException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void aMetricNoFileComputesIsAnErrorNotAZero() {
        store.dropColumn = "dane.valid";

        assertThatThrownBy(() -> new ReportBuilder(store).build("s1")).hasMessageContaining("dane.valid");
    }

    @Test
    void latestScanIdIsEmptyForAnEmptyStore() {
        assertThat(new ReportBuilder(store).latestScanId()).isEmpty();
        store.latest = "{\"id\":\"2026-11-28T10:00Z\"}\n";
        assertThat(new ReportBuilder(store).latestScanId()).contains("2026-11-28T10:00Z");
    }

    /** Answers each report SQL file with one JSONEachRow line, as the engine would. */
    private static final class AnsweringStore implements ResultStore {

        private static final Pattern ALIAS = Pattern.compile("AS `([^`]+)`");

        final Map<String, Long> values = new HashMap<>();
        final List<String> queries = new ArrayList<>();
        final List<String> formats = new ArrayList<>();
        String scanRow = "{\"scan_rows\":1,\"started_ms\":1000,\"finished_ms\":2000,\"state\":\"finished\","
                + "\"results\":200,\"first_started_ms\":1000,\"last_finished_ms\":2000}";
        String breakdownRows = "";
        String latest = "";
        String dropColumn;

        @Override
        public String query(String sql, String format) {
            queries.add(sql);
            formats.add(format);
            if (sql.contains("scan_rows")) {
                return scanRow + "\n";
            }
            if (sql.contains("started DESC, id DESC")) { // latest_scan.sql
                return latest;
            }
            if (sql.contains("AS domains")) {
                return sql.contains("mx_providers") ? breakdownRows : "";
            }
            Matcher matcher = ALIAS.matcher(sql.replaceAll("--[^\n]*", ""));
            var columns = new ArrayList<String>();
            while (matcher.find()) {
                if (!matcher.group(1).equals(dropColumn)) {
                    // ClickHouse before 25 quotes UInt64 in JSON: answer half of the columns that way
                    // every figure 1 unless set; coverage columns 0 (all decided) unless set
                    long value = values.getOrDefault(matcher.group(1),
                            matcher.group(1).startsWith("unknown.") || matcher.group(1).startsWith("unreached.") ? 0L : 1L);
                    String json = columns.size() % 2 == 0 ? Long.toString(value) : "\"" + value + "\"";
                    columns.add("\"" + matcher.group(1) + "\":" + json);
                }
            }
            return columns.stream().collect(Collectors.joining(",", "{", "}\n"));
        }

        @Override
        public void migrate() {}

        @Override
        public void insertDomainResults(List<DomainResult> rows) {}

        @Override
        public void insertMailServerResults(List<MailServerResult> rows) {}

        @Override
        public void upsertScan(ScanRecord scan) {}

        @Override
        public void close() {}
    }
}
