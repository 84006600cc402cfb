package io.mailcensus.launcher.local;

import io.mailcensus.core.port.ResultStore;
import io.mailcensus.core.port.ScanRecord;
import io.mailcensus.store.schema.ScanTable;
import java.util.List;
import java.util.Optional;

/** Reads the {@code scans} table. */
public final class ScanQueries {

    private ScanQueries() {}

    public static Optional<ScanRecord> scan(ResultStore store, String id) {
        List<ScanRecord> rows = ScanTable.read(store, "SELECT * FROM scans FINAL WHERE id = " + quote(id));
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    /** Every scan, oldest first. */
    public static List<ScanRecord> all(ResultStore store) {
        return ScanTable.read(store, "SELECT * FROM scans FINAL ORDER BY started, id");
    }

    /** A ClickHouse string literal. */
    public static String quote(String s) {
        return ScanTable.quote(s);
    }
}
