package io.mailcensus.store.schema;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A ClickHouse column type, derived from an Avro type by the rules of columns.md. Both the DDL
 * generator and the row encoder work from this one tree, so what is declared and what is
 * written cannot disagree. {@link #sql()} is spelled the way ClickHouse itself prints types
 * (as in {@code DESCRIBE TABLE}), which lets a test compare them literally.
 */
public sealed interface ColumnType {

    String sql();

    /** Types with no parameters. */
    enum Scalar implements ColumnType {
        STRING("String"),
        BOOL("Bool"),
        INT32("Int32"),
        INT64("Int64"),
        /** Avro long with logicalType timestamp-millis. */
        TIMESTAMP_MILLIS("DateTime64(3, 'UTC')");

        private final String sql;

        Scalar(String sql) {
            this.sql = sql;
        }

        @Override
        public String sql() {
            return sql;
        }
    }

    /** An Avro enum: stored as its symbol, e.g. 'present'. */
    record EnumType(List<String> symbols) implements ColumnType {
        @Override
        public String sql() {
            return "LowCardinality(String)";
        }
    }

    /** ["null", T]. ClickHouse only allows it around scalars, hence the check in {@link ColumnTypes}. */
    record NullableType(ColumnType inner) implements ColumnType {
        @Override
        public String sql() {
            // LowCardinality must be the outer wrapper: LowCardinality(Nullable(String)).
            return inner instanceof EnumType ? "LowCardinality(Nullable(String))" : "Nullable(" + inner.sql() + ")";
        }
    }

    record ArrayType(ColumnType element) implements ColumnType {
        @Override
        public String sql() {
            return "Array(" + element.sql() + ")";
        }
    }

    /** An Avro record below the top level: a named Tuple, written as a JSON object. */
    record TupleType(List<Element> elements) implements ColumnType {
        @Override
        public String sql() {
            return elements.stream()
                    .map(e -> e.name() + " " + e.type().sql())
                    .collect(Collectors.joining(", ", "Tuple(", ")"));
        }

        /** One tuple element: the Avro field's name, position and type. */
        public record Element(String name, int position, ColumnType type) {}
    }
}
