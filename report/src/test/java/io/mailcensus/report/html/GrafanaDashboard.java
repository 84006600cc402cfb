package io.mailcensus.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The Grafana dashboard of deploy/grafana, read as JSON for the tests that check it. */
public record GrafanaDashboard(JsonNode root) {

    /** Relative to the report module, where Maven runs its tests. */
    public static final Path DEFAULT = Path.of("..", "deploy", "grafana", "mailcensus-dashboard.json");

    public static GrafanaDashboard load(Path file) throws IOException {
        return new GrafanaDashboard(new ObjectMapper().readTree(file.toFile()));
    }

    public List<JsonNode> panels() {
        var panels = new ArrayList<JsonNode>();
        root.path("panels").forEach(panels::add);
        return panels;
    }

    public JsonNode panel(String type) {
        return panels().stream().filter(panel -> panel.path("type").asText().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " panel"));
    }

    /** The headline query of the trend panel, which the stat panels share. */
    public String trendSql() {
        return panel("timeseries").path("targets").get(0).path("rawSql").asText();
    }

    /** The query of the STARTTLS partition table. */
    public String starttlsPartitionSql() {
        return panels().stream().filter(panel -> panel.path("title").asText().startsWith("STARTTLS partition"))
                .findFirst().orElseThrow(() -> new AssertionError("no STARTTLS partition panel"))
                .path("targets").get(0).path("rawSql").asText();
    }
}
