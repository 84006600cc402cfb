package io.mailcensus.store.schema;

import java.util.List;
import org.apache.avro.Schema;

/**
 * A table of the store: its name, the Avro schema its columns come from, and its
 * ReplacingMergeTree engine (the version column that wins, and the key rows dedupe on).
 *
 * @param sequence the DDL file's place in name order
 */
public record TableSpec(int sequence, String name, Schema schema, String versionColumn, List<String> orderBy) {

    public TableSpec {
        orderBy = List.copyOf(orderBy);
    }

    public List<Column> columns() {
        return ColumnLayout.of(schema);
    }

    /** The checked-in DDL file, e.g. {@code 01_domain_results.sql}. */
    public String ddlFileName() {
        return String.format("%02d_%s.sql", sequence, name);
    }
}
