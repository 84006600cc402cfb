package io.mailcensus.store.schema;

import java.util.List;
import java.util.Set;

/**
 * A store written by an older mailcensus lacks the columns of fields added to the schemas since:
 * they are added (with their defaults for old rows), so old scans stay readable next to new ones.
 * Columns are only ever added, never dropped or retyped. One rule for every store (embedded or
 * server): each asks {@link #presentColumnsQuery} and runs the {@link #alterStatements}.
 */
public final class ColumnMigration {

    private ColumnMigration() {}

    /** One column name per row: the columns {@code table} has in the current database. */
    public static String presentColumnsQuery(TableSpec table) {
        return "SELECT name FROM system.columns WHERE database = currentDatabase() AND table = '" + table.name() + "'";
    }

    /** The {@code ALTER TABLE ... ADD COLUMN} statements for the columns missing from {@code present}. */
    public static List<String> alterStatements(TableSpec table, Set<String> present) {
        return table.columns().stream()
                .filter(column -> !present.contains(column.name()))
                .map(column -> "ALTER TABLE " + table.name() + " ADD COLUMN IF NOT EXISTS " + column.name() + " "
                        + column.type().sql())
                .toList();
    }
}
