package io.mailcensus.report.changes;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailcensus.core.port.ResultStore;
import io.mailcensus.report.sql.JsonRows;
import io.mailcensus.report.sql.SqlFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the change feed ({@code domain_changes.sql}) grouped by {@code changes.sql}. The feed is a
 * file of its own so that it can be run alone or made a view on a server; here it stands in, as a
 * subquery, for the name {@code domain_changes} in {@code changes.sql}: the report only reads.
 */
public final class ChangesBuilder {

    private final ResultStore store;
    private final int top;

    /** @param top the most (fact, before, after) groups kept */
    public ChangesBuilder(ResultStore store, int top) {
        this.store = store;
        this.top = top;
    }

    /** @param since null: the changes into {@code scan}; else every change after that scan's last result */
    public Changes build(String scan, String since) {
        String feed = SqlFiles.load("domain_changes.sql").text();
        String sql = SqlFiles.load("changes.sql").bind(Map.of("scan", scan, "since", since == null ? "" : since,
                "top", top)).replace("FROM domain_changes", "FROM (\n" + feed + "\n) AS domain_changes");
        List<ChangeGroup> groups = new ArrayList<>();
        for (JsonNode row : JsonRows.parse(store.query(sql, "JSONEachRow"))) {
            List<String> examples = new ArrayList<>();
            row.get("examples").forEach(e -> examples.add(e.asText()));
            groups.add(new ChangeGroup(row.get("what").asText(), row.get("before").asText(), row.get("after").asText(),
                    JsonRows.count(row, "domains"), List.copyOf(examples)));
        }
        return new Changes(scan, since, List.copyOf(groups));
    }
}
