package io.mailcensus.store.schema;

/**
 * One table column and where its value sits in an Avro record: the top-level field at
 * {@code field}, and, when that field is a record flattened one level, its sub-field at
 * {@code subfield} ({@code -1} otherwise).
 */
public record Column(String name, int field, int subfield, ColumnType type) {

    public boolean flattened() {
        return subfield >= 0;
    }
}
