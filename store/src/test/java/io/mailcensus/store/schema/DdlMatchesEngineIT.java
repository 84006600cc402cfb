package io.mailcensus.store.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.store.ChdbStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the engine built from the checked-in DDL is what the Avro schemas say today, column by
 * column and type by type: catches a stale file, and a type the generator spells in a way the
 * engine reads differently.
 */
class DdlMatchesEngineIT {

    @TempDir
    Path dir;

    @Test
    void describeTableEqualsTheGeneratorsColumns() {
        try (ChdbStore store = ChdbStore.open(dir)) {
            store.migrate();
            for (TableSpec table : Tables.ALL) {
                List<String> described = store.rows("DESCRIBE TABLE " + table.name()).stream()
                        .map(ColumnsOf::nameAndType)
                        .toList();
                List<String> generated = table.columns().stream()
                        .map(c -> c.name() + " " + c.type().sql())
                        .toList();

                assertThat(described).as(table.name()).containsExactlyElementsOf(generated);
            }
            assertThat(store.query("SELECT engine_full FROM system.tables WHERE name = 'domain_results'", "TSVRaw"))
                    .startsWith("ReplacingMergeTree(finished_at) ORDER BY (scan_id, domain)");
        }
    }

    private static final class ColumnsOf {
        /** DESCRIBE prints long Tuple types over several lines; the generator writes one. */
        static String nameAndType(Map<String, Object> row) {
            String type = row.get("type").toString().replaceAll("\\s*\\n\\s*", " ").replace("( ", "(");
            return row.get("name") + " " + type;
        }
    }
}
