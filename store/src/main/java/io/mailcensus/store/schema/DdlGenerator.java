package io.mailcensus.store.schema;

import java.util.List;

/** Writes a table's {@code CREATE TABLE IF NOT EXISTS} from its Avro schema, in plain ClickHouse SQL. */
public final class DdlGenerator {

    private DdlGenerator() {}

    public static String createTable(TableSpec table) {
        StringBuilder sql = new StringBuilder();
        sql.append("-- Generated from the Avro schema ").append(table.schema().getFullName())
                .append(" by io.mailcensus.store.schema.GenerateDdl (rules: columns.md).\n")
                .append("-- Do not edit: change the schema and regenerate. One statement per file.\n")
                .append("CREATE TABLE IF NOT EXISTS ").append(table.name()).append("\n(\n");
        List<Column> columns = table.columns();
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            sql.append("    ").append(column.name()).append(' ').append(column.type().sql())
                    .append(i + 1 < columns.size() ? ",\n" : "\n");
        }
        List<String> key = table.orderBy();
        sql.append(")\nENGINE = ReplacingMergeTree(").append(table.versionColumn()).append(")\n")
                .append("ORDER BY ").append(key.size() == 1 ? key.getFirst() : "(" + String.join(", ", key) + ")")
                .append('\n');
        return sql.toString();
    }
}
