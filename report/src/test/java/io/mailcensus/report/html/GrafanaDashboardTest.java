package io.mailcensus.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrafanaDashboardTest {

    private static final String CLICKHOUSE = "grafana-clickhouse-datasource";

    private final GrafanaDashboard dashboard = load();

    private static GrafanaDashboard load() {
        try {
            return GrafanaDashboard.load(GrafanaDashboard.DEFAULT);
        } catch (java.io.IOException e) {
            throw new AssertionError("deploy/grafana/mailcensus-dashboard.json does not parse as JSON", e);
        }
    }

    @Test
    void isAnImportableDashboardOnAClickHouseDataSource() {
        JsonNode root = dashboard.root();
        assertThat(root.path("uid").asText()).isEqualTo("mailcensus-headline");
        assertThat(root.path("title").asText()).isNotBlank();
        assertThat(root.path("__inputs").get(0).path("pluginId").asText()).isEqualTo(CLICKHOUSE);
        for (JsonNode panel : dashboard.panels()) {
            for (JsonNode target : panel.path("targets")) {
                String source = target.path("datasource").path("type").asText();
                assertThat(source).as(panel.path("title").asText()).isIn(CLICKHOUSE, "datasource");
            }
        }
    }

    @Test
    void aStatPanelPerHeadlineMetricSharingTheTrendQuery() {
        int trend = dashboard.panel("timeseries").path("id").asInt();
        List<JsonNode> stats = dashboard.panels().stream().filter(p -> p.path("type").asText().equals("stat")).toList();
        assertThat(stats).extracting(p -> p.path("title").asText())
                .containsExactlyElementsOf(Headline.METRICS.stream().map(Headline::label).toList());
        for (JsonNode stat : stats) {
            assertThat(stat.path("targets").get(0).path("panelId").asInt()).isEqualTo(trend);
            assertThat(stat.path("options").path("reduceOptions").path("fields").asText())
                    .isEqualTo(stat.path("title").asText());
            assertThat(stat.path("fieldConfig").path("defaults").path("unit").asText()).isEqualTo("percent");
        }
    }

    @Test
    void theTrendQueryReadsTheStoreWithFinalAndNamesEveryHeadlineColumn() {
        String sql = dashboard.trendSql();
        assertThat(sql).contains("FROM domain_results FINAL", "FROM mail_server_results FINAL", "FROM scans FINAL",
                "$__timeFilter(time)", " AS time");
        Headline.METRICS.forEach(headline -> assertThat(sql).contains("AS `" + headline.label() + "`"));
        assertThat(dashboard.panel("table").path("targets").get(0).path("rawSql").asText()).contains("FROM scans FINAL");
    }

    @Test
    void panelIdsAreUniqueAndPanelsDoNotOverlap() {
        var ids = new HashSet<Integer>();
        var cells = new HashSet<String>();
        for (JsonNode panel : dashboard.panels()) {
            assertThat(ids.add(panel.path("id").asInt())).as("duplicate id " + panel.path("id")).isTrue();
            JsonNode grid = panel.path("gridPos");
            assertThat(grid.path("x").asInt() + grid.path("w").asInt()).isLessThanOrEqualTo(24);
            for (int x = grid.path("x").asInt(); x < grid.path("x").asInt() + grid.path("w").asInt(); x++) {
                for (int y = grid.path("y").asInt(); y < grid.path("y").asInt() + grid.path("h").asInt(); y++) {
                    assertThat(cells.add(x + "," + y)).as(panel.path("title").asText() + " overlaps at " + x + "," + y)
                            .isTrue();
                }
            }
        }
    }
}
