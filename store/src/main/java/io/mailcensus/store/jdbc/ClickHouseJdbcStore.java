package io.mailcensus.store.jdbc;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ClientConfigProperties;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import com.clickhouse.jdbc.ConnectionImpl;
import io.mailcensus.core.port.ResultStore;
import io.mailcensus.core.port.ScanRecord;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.store.StoreException;
import io.mailcensus.store.json.JsonEachRowEncoder;
import io.mailcensus.store.schema.ColumnMigration;
import io.mailcensus.store.schema.ColumnComments;
import io.mailcensus.store.schema.DdlScripts;
import io.mailcensus.store.schema.ScanRows;
import io.mailcensus.store.schema.TableSpec;
import io.mailcensus.store.schema.Tables;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.generic.IndexedRecord;

/**
 * The store on a ClickHouse server, through clickhouse-jdbc 0.10.0: the same tables, DDL files
 * and JSONEachRow rows as the embedded {@link io.mailcensus.store.ChdbStore}, so report SQL runs
 * unchanged on either. DDL goes through JDBC; rows and formatted query output go through the
 * driver's own client ({@link ConnectionImpl#getClient()}), because a JDBC statement would
 * parse a megabyte batch of rows as SQL, while the client streams them as the request body of
 * {@code INSERT INTO t FORMAT JSONEachRow} and hands back any output format byte for byte.
 *
 * <p>Credentials come from the environment ({@value #USER_ENV}, {@value #PASSWORD_ENV}) or a
 * file ({@value #PASSWORD_FILE_ENV}: first line {@code USER:PASSWORD}), never from a command line.
 *
 * <p>A failed call throws {@link StoreException}; the aggregator's writer retries batches, and
 * a batch inserted twice counts once (ReplacingMergeTree, read with FINAL). Thread-safe:
 * statements run one at a time.
 */
public final class ClickHouseJdbcStore implements ResultStore {

    public static final String USER_ENV = "MAILCENSUS_CLICKHOUSE_USER";
    public static final String PASSWORD_ENV = "MAILCENSUS_CLICKHOUSE_PASSWORD";
    public static final String PASSWORD_FILE_ENV = "MAILCENSUS_CLICKHOUSE_PASSWORD_FILE";
    static final int BATCH_ROWS = ResultStore.BATCH_ROWS;
    private static final long TIMEOUT_SECONDS = 300;

    private static final JsonEachRowEncoder DOMAIN_ROWS = JsonEachRowEncoder.of(Tables.DOMAIN_RESULTS.schema());
    private static final JsonEachRowEncoder MAIL_SERVER_ROWS =
            JsonEachRowEncoder.of(Tables.MAIL_SERVER_RESULTS.schema());
    private static final JsonEachRowEncoder SCAN_ROWS = JsonEachRowEncoder.of(Tables.SCANS.schema());

    private final Connection connection;
    private final Client client;

    private ClickHouseJdbcStore(Connection connection, Client client) {
        this.connection = connection;
        this.client = client;
    }

    /**
     * Connects to {@code url} (e.g. {@code jdbc:clickhouse:http://host:8123/default}) with the
     * credentials of the environment, if any.
     */
    public static ClickHouseJdbcStore connect(String url) {
        return connect(url, credentialsFrom(System.getenv()));
    }

    /** Connects with explicit driver properties (user, password, driver options). */
    public static ClickHouseJdbcStore connect(String url, Properties properties) {
        try {
            Connection connection = DriverManager.getConnection(url, properties);
            try {
                return new ClickHouseJdbcStore(connection, connection.unwrap(ConnectionImpl.class).getClient());
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("Cannot connect to " + url, e);
        }
    }

    /** user / password properties from {@value #USER_ENV}, {@value #PASSWORD_ENV} or {@value #PASSWORD_FILE_ENV}. */
    public static Properties credentialsFrom(Map<String, String> environment) {
        Properties properties = new Properties();
        String file = environment.get(PASSWORD_FILE_ENV);
        if (file != null && !file.isEmpty()) {
            String line;
            try {
                line = Files.readAllLines(Path.of(file)).stream().findFirst().orElse("").strip();
            } catch (IOException e) {
                throw new StoreException("Cannot read " + PASSWORD_FILE_ENV + " " + file + ": " + e.getMessage(), e);
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new StoreException(file + ": the first line must be USER:PASSWORD");
            }
            properties.setProperty("user", line.substring(0, colon));
            properties.setProperty("password", line.substring(colon + 1));
            return properties;
        }
        String user = environment.get(USER_ENV);
        if (user != null && !user.isEmpty()) {
            properties.setProperty("user", user);
            properties.setProperty("password", environment.getOrDefault(PASSWORD_ENV, ""));
        }
        return properties;
    }

    @Override
    public synchronized void migrate() {
        try (Statement statement = connection.createStatement()) {
            List<DdlScripts.Script> scripts = DdlScripts.load();
            for (DdlScripts.Script script : scripts.stream().filter(s -> !s.view()).toList()) {
                run(statement, script);
            }
            addMissingColumns(statement);
            commentColumns(statement);
            // views last: a view over * sees the columns just added
            for (DdlScripts.Script script : scripts.stream().filter(DdlScripts.Script::view).toList()) {
                run(statement, script);
            }
        } catch (SQLException e) {
            throw failure("Migration failed", e);
        }
    }

    private void run(Statement statement, DdlScripts.Script script) {
        try {
            statement.execute(script.sql());
        } catch (SQLException e) {
            throw failure("DDL " + script.name() + " failed", e);
        }
    }

    /** Column comments from the schemas' docs (see ColumnComments), where they differ. */
    private void commentColumns(Statement statement) throws SQLException {
        for (TableSpec table : Tables.ALL) {
            java.util.Map<String, String> present = new java.util.HashMap<>();
            try (ResultSet rows = statement.executeQuery(ColumnComments.presentCommentsQuery(table))) {
                while (rows.next()) {
                    present.put(rows.getString(1), rows.getString(2));
                }
            }
            java.util.Optional<String> alter = ColumnComments.alterStatement(table, present);
            if (alter.isPresent()) {
                statement.execute(alter.get());
            }
        }
    }

    /** Columns of fields added to the schemas since the tables were made (see ColumnMigration). */
    private void addMissingColumns(Statement statement) throws SQLException {
        for (TableSpec table : Tables.ALL) {
            Set<String> present = new HashSet<>();
            try (ResultSet rows = statement.executeQuery(ColumnMigration.presentColumnsQuery(table))) {
                while (rows.next()) {
                    present.add(rows.getString(1));
                }
            }
            for (String alter : ColumnMigration.alterStatements(table, present)) {
                statement.execute(alter);
            }
        }
    }

    @Override
    public void insertDomainResults(List<DomainResult> rows) {
        insert(Tables.DOMAIN_RESULTS, DOMAIN_ROWS, rows);
    }

    @Override
    public void insertMailServerResults(List<MailServerResult> rows) {
        insert(Tables.MAIL_SERVER_RESULTS, MAIL_SERVER_ROWS, rows);
    }

    @Override
    public void upsertScan(ScanRecord scan) {
        insert(Tables.SCANS, SCAN_ROWS, List.of(ScanRows.toRow(scan)));
    }

    /** Runs a statement; its output in {@code format} (any ClickHouse output format), as text. */
    @Override
    public synchronized String query(String sql, String format) {
        QuerySettings settings = new QuerySettings().setFormat(formatNamed(format));
        try (QueryResponse response = client.query(sql, settings).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                InputStream body = response.getInputStream()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw failure("Query failed", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure("Closing the connection failed", e);
        }
    }

    /** One INSERT per batch of up to {@value #BATCH_ROWS} rows, encoded straight into the request. */
    private synchronized void insert(TableSpec table, JsonEachRowEncoder encoder, List<? extends IndexedRecord> rows) {
        for (int from = 0; from < rows.size(); from += BATCH_ROWS) {
            List<? extends IndexedRecord> batch = rows.subList(from, Math.min(rows.size(), from + BATCH_ROWS));
            try (InsertResponse ignored = client.insert(table.name(), (OutputStream out) -> write(out, encoder, batch),
                    ClickHouseFormat.JSONEachRow, insertSettings()).get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                // the response says how many rows the server wrote; the tables deduplicate anyway
            } catch (Exception e) {
                throw failure("Insert of " + batch.size() + " rows into " + table.name() + " failed", e);
            }
        }
    }

    /**
     * As ChdbStore's inserts: a key the table lacks is an error, not dropped data; and no
     * deduplication on the way in ({@code optimize_on_insert = 0}: reads use FINAL, and it
     * about halved the insert rate), sent as URL parameters that the server applies to the INSERT.
     */
    private static InsertSettings insertSettings() {
        return new InsertSettings()
                .setOption(ClientConfigProperties.serverSetting("input_format_skip_unknown_fields"), "0")
                .setOption(ClientConfigProperties.serverSetting("optimize_on_insert"), "0");
    }

    private static void write(OutputStream out, JsonEachRowEncoder encoder, List<? extends IndexedRecord> rows)
            throws IOException {
        StringBuilder chunk = new StringBuilder(1 << 17);
        Iterator<? extends IndexedRecord> next = rows.iterator();
        while (next.hasNext()) {
            encoder.append(chunk, next.next());
            if (chunk.length() >= 1 << 16 || !next.hasNext()) {
                out.write(chunk.toString().getBytes(StandardCharsets.UTF_8));
                chunk.setLength(0);
            }
        }
        out.close();
    }

    private static ClickHouseFormat formatNamed(String format) {
        try {
            return ClickHouseFormat.valueOf(format);
        } catch (IllegalArgumentException e) {
            throw new StoreException("Unknown ClickHouse output format " + format);
        }
    }

    /** The server's own message (Code: N. DB::Exception: ...) on one line, where there is one. */
    private static StoreException failure(String what, Throwable e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.contains("Code: ")) {
                return new StoreException(StoreException.fromEngine(message.substring(message.indexOf("Code: ")), null)
                        .getMessage(), e);
            }
            root = t;
        }
        String message = e instanceof TimeoutException ? "timed out after " + TIMEOUT_SECONDS + " s" : root.toString();
        return new StoreException(what + ": " + message.strip().replaceAll("\\s*\\R\\s*", " "), e);
    }
}
