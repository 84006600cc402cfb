package io.mailcensus.store.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * Column comments from the Avro schemas' {@code doc}s, so {@code DESCRIBE domain_results} says
 * what each column means and which values it takes: the field's doc (for a flattened column,
 * the record field's doc, then the sub-field's), then the symbols of an enum (also inside a
 * nullable or an array) with the enum's own doc. One rule for every store: each reads the
 * comments it has ({@link #presentCommentsQuery}) and runs the {@link #alterStatement} when
 * any differs, after the columns are migrated.
 */
public final class ColumnComments {

    private ColumnComments() {}

    /** Rows of (name, comment): the comments {@code table}'s columns have in the current database. */
    public static String presentCommentsQuery(TableSpec table) {
        return "SELECT name, comment FROM system.columns WHERE database = currentDatabase() AND table = '"
                + table.name() + "'";
    }

    /** Each column's comment, in column order. */
    public static List<String> comments(TableSpec table) {
        List<String> comments = new ArrayList<>();
        List<Schema.Field> fields = table.schema().getFields();
        for (Column column : table.columns()) {
            Schema.Field field = fields.get(column.field());
            String text = field.doc() == null ? "" : field.doc();
            Schema type = field.schema();
            if (column.flattened()) {
                Schema.Field sub = field.schema().getFields().get(column.subfield());
                text = join(text, sub.doc());
                type = sub.schema();
            }
            comments.add(withValues(text, type));
        }
        return comments;
    }

    /**
     * {@code ALTER TABLE ... COMMENT COLUMN ...} for every column whose comment differs from
     * {@code present} (column name to comment), or empty when all agree. Columns not in
     * {@code present} are left out (the table lacks them).
     */
    public static Optional<String> alterStatement(TableSpec table, Map<String, String> present) {
        List<Column> columns = table.columns();
        List<String> comments = comments(table);
        List<String> clauses = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            String name = columns.get(i).name();
            if (present.containsKey(name) && !comments.get(i).equals(present.get(name))) {
                clauses.add("COMMENT COLUMN " + name + " " + literal(comments.get(i)));
            }
        }
        return clauses.isEmpty() ? Optional.empty()
                : Optional.of("ALTER TABLE " + table.name() + " " + String.join(", ", clauses));
    }

    private static String withValues(String text, Schema type) {
        Schema enumType = enumIn(type);
        if (enumType == null) {
            return text;
        }
        String values = "values: " + String.join(", ", enumType.getEnumSymbols());
        if (enumType.getDoc() != null) {
            values += " (" + enumType.getDoc().strip().replaceAll("\\.$", "") + ")";
        }
        return join(text, values);
    }

    private static Schema enumIn(Schema type) {
        return switch (type.getType()) {
            case ENUM -> type;
            case ARRAY -> enumIn(type.getElementType());
            case UNION -> {
                Schema inner = ColumnTypes.nonNullBranch(type);
                yield inner == null ? null : enumIn(inner);
            }
            default -> null;
        };
    }

    private static String join(String first, String second) {
        if (second == null || second.isBlank()) {
            return first;
        }
        if (first.isBlank()) {
            return second.strip();
        }
        return first.strip().replaceAll("\\.$", "") + "; " + second.strip();
    }

    private static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
