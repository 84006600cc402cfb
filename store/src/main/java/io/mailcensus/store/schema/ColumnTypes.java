package io.mailcensus.store.schema;

import io.mailcensus.store.schema.ColumnType.ArrayType;
import io.mailcensus.store.schema.ColumnType.EnumType;
import io.mailcensus.store.schema.ColumnType.NullableType;
import io.mailcensus.store.schema.ColumnType.Scalar;
import io.mailcensus.store.schema.ColumnType.TupleType;
import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The type rule of columns.md: string -> String; boolean -> Bool; int -> Int32; long -> Int64;
 * timestamp-millis -> DateTime64(3, 'UTC'); enum -> LowCardinality(String); ["null", T] ->
 * Nullable(T'); array -> Array(T'); record -> named Tuple. Anything else has no rule and fails
 * loudly, so a schema change cannot slip into the store half-mapped.
 */
public final class ColumnTypes {

    private ColumnTypes() {}

    public static ColumnType of(Schema schema) {
        return switch (schema.getType()) {
            case STRING -> plain(schema, Scalar.STRING);
            case BOOLEAN -> plain(schema, Scalar.BOOL);
            case INT -> plain(schema, Scalar.INT32);
            case LONG -> {
                LogicalType logical = schema.getLogicalType();
                if (logical instanceof LogicalTypes.TimestampMillis) {
                    yield Scalar.TIMESTAMP_MILLIS;
                }
                yield plain(schema, Scalar.INT64);
            }
            case ENUM -> new EnumType(List.copyOf(schema.getEnumSymbols()));
            case ARRAY -> new ArrayType(of(schema.getElementType()));
            case RECORD -> new TupleType(schema.getFields().stream()
                    .map(f -> new TupleType.Element(f.name(), f.pos(), of(f.schema())))
                    .toList());
            case UNION -> nullable(schema);
            default -> throw unsupported(schema, "no column rule for Avro type " + schema.getType());
        };
    }

    /** The non-null branch of ["null", T] or [T, "null"], or null when the union is not one. */
    public static Schema nonNullBranch(Schema union) {
        List<Schema> types = union.getTypes();
        if (types.size() != 2) {
            return null;
        }
        if (types.get(0).getType() == Schema.Type.NULL) {
            return types.get(1);
        }
        return types.get(1).getType() == Schema.Type.NULL ? types.get(0) : null;
    }

    private static ColumnType nullable(Schema union) {
        Schema inner = nonNullBranch(union);
        if (inner == null) {
            throw unsupported(union, "only [\"null\", T] unions have a column rule");
        }
        ColumnType type = of(inner);
        if (type instanceof ArrayType || type instanceof TupleType || type instanceof NullableType) {
            throw unsupported(union, "ClickHouse cannot make " + type.sql() + " Nullable");
        }
        return new NullableType(type);
    }

    private static ColumnType plain(Schema schema, Scalar scalar) {
        if (schema.getLogicalType() != null) {
            throw unsupported(schema, "no column rule for logicalType " + schema.getLogicalType().getName());
        }
        return scalar;
    }

    private static IllegalArgumentException unsupported(Schema schema, String why) {
        return new IllegalArgumentException(why + " (in " + schema + "); extend columns.md and ColumnTypes first");
    }
}
