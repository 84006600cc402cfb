package io.mailcensus.store.schema;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * The flattening rule of columns.md: one column per top-level field; a top-level field whose
 * type is a record R becomes one column per field of R, named {@code <field>_<subfield>}.
 * Records any deeper become named Tuples ({@link ColumnTypes}).
 */
public final class ColumnLayout {

    private ColumnLayout() {}

    public static List<Column> of(Schema record) {
        if (record.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException("A table comes from a record schema, not " + record.getType());
        }
        List<Column> columns = new ArrayList<>();
        for (Schema.Field field : record.getFields()) {
            Schema type = field.schema();
            if (type.getType() == Schema.Type.RECORD) {
                for (Schema.Field sub : type.getFields()) {
                    columns.add(new Column(
                            field.name() + "_" + sub.name(), field.pos(), sub.pos(), ColumnTypes.of(sub.schema())));
                }
            } else {
                if (type.getType() == Schema.Type.UNION) {
                    Schema inner = ColumnTypes.nonNullBranch(type);
                    if (inner != null && inner.getType() == Schema.Type.RECORD) {
                        throw new IllegalArgumentException("Top-level field " + field.name()
                                + " is a nullable record, which columns.md gives no rule for");
                    }
                }
                columns.add(new Column(field.name(), field.pos(), -1, ColumnTypes.of(type)));
            }
        }
        return List.copyOf(columns);
    }
}
