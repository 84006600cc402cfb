package io.mailcensus.launcher;

import io.mailcensus.core.port.ResultStore;
import io.mailcensus.store.jdbc.ClickHouseJdbcStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The store a reading command (report, sql, scans) asks: the embedded one ({@code --data DIR}),
 * or a ClickHouse server ({@code --clickhouse JDBC_URL}, as the aggregator writes it). A server
 * is only read: its tables are the aggregator's to create and migrate.
 */
final class QueryStoreOptions {

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "mailcensus-data",
            description = "the store directory (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--clickhouse", paramLabel = "JDBC_URL",
            description = "a ClickHouse server instead, e.g. jdbc:clickhouse:http://clickhouse:8123/default; credentials "
                    + "from MAILCENSUS_CLICKHOUSE_USER and MAILCENSUS_CLICKHOUSE_PASSWORD(_FILE)")
    String clickhouse;

    /** Opens the store; a missing embedded store is a user error, not an empty report. */
    ResultStore openExisting() {
        if (clickhouse != null) {
            return ClickHouseJdbcStore.connect(clickhouse);
        }
        StoreOptions embedded = new StoreOptions();
        embedded.data = data;
        return embedded.openExisting();
    }

    /** Where the store is, for messages. */
    String describe() {
        return clickhouse != null ? clickhouse : data.toString();
    }
}
