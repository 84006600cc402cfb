package io.mailcensus.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.mailcensus.core.port.ResultStore;
import io.mailcensus.core.port.ScanRecord;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.store.chdb.ChdbConnection;
import io.mailcensus.store.chdb.ChdbInsert;
import io.mailcensus.store.chdb.ChdbLibrary;
import io.mailcensus.store.json.JsonEachRowEncoder;
import io.mailcensus.store.schema.ColumnComments;
import io.mailcensus.store.schema.ColumnMigration;
import io.mailcensus.store.schema.DdlScripts;
import io.mailcensus.store.schema.ScanRows;
import io.mailcensus.store.schema.TableSpec;
import io.mailcensus.store.schema.Tables;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.generic.IndexedRecord;

/**
 * The embedded store: ClickHouse's engine (chDB) keeping MergeTree tables in a directory.
 *
 * <p>Tables live in the database {@value #DATABASE}, which the session selects on open, so SQL
 * names tables unqualified ({@code SELECT count() FROM domain_results FINAL}), exactly as
 * against a server whose connection names that database. Tables deduplicate by key, so read
 * with {@code FINAL} (or argMax).
 *
 * <p>Rows go in as JSONEachRow ({@link JsonEachRowEncoder}), one INSERT per batch of up to
 * {@value #BATCH_ROWS} rows (batching is what makes inserts fast: each INSERT writes one
 * part), streamed to the engine in chunks of about {@value #CHUNK_CHARS} characters so a huge
 * list never needs one huge buffer ({@link ChdbInsert}). If a batch fails, the batches before
 * it stay written; inserting the whole list again is safe, since tables deduplicate by key.
 *
 * <p>The session sets {@code output_format_json_quote_64bit_integers = 0}, so JSON output
 * carries Int64/UInt64 values (counts!) as numbers, not strings.
 *
 * <p>One store per process (the engine serves one directory per process); it is thread-safe,
 * statements run one at a time.
 */
public final class ChdbStore implements ResultStore {

    public static final String DATABASE = "mailcensus";
    static final int BATCH_ROWS = ResultStore.BATCH_ROWS;
    /** Encoded text handed to the engine per call, while the next chunk is encoded. */
    static final int CHUNK_CHARS = 1 << 20;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectReader MAP_ROWS = JSON.readerFor(Map.class);
    private static final ObjectReader NODE_ROWS = JSON.readerFor(JsonNode.class);

    private static final JsonEachRowEncoder DOMAIN_ROWS = JsonEachRowEncoder.of(Tables.DOMAIN_RESULTS.schema());
    private static final JsonEachRowEncoder MAIL_SERVER_ROWS =
            JsonEachRowEncoder.of(Tables.MAIL_SERVER_RESULTS.schema());
    private static final JsonEachRowEncoder SCAN_ROWS = JsonEachRowEncoder.of(Tables.SCANS.schema());

    private final ChdbConnection connection;

    private ChdbStore(ChdbConnection connection) {
        this.connection = connection;
    }

    /** Opens (creating if needed) the store in {@code dataDir}, with the located libchdb. */
    public static ChdbStore open(Path dataDir) {
        return open(dataDir, ChdbLibrary.load());
    }

    public static ChdbStore open(Path dataDir, ChdbLibrary library) {
        ChdbConnection connection = ChdbConnection.open(library, dataDir);
        try {
            connection.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE);
            prepare(connection, List.of());
            return new ChdbStore(connection);
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * A session of its own on this store, set up as the store's (its database, 64-bit integers
     * as JSON numbers, profilers off), then with {@code setup} ({@code SET ...} statements, run
     * in order). Statements on it run beside the store's. The caller closes it, before the store.
     */
    public ChdbConnection openSession(List<String> setup) {
        ChdbConnection session = connection.openSession();
        try {
            prepare(session, setup);
            return session;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private static void prepare(ChdbConnection connection, List<String> setup) {
        connection.execute("USE " + DATABASE);
        connection.execute("SET output_format_json_quote_64bit_integers = 0");
        // The sampling query profilers signal the query's thread (SIGUSR1/SIGUSR2), and in
        // this process those signals belong to the JVM. They were inert in tests; off is sure.
        connection.execute("SET query_profiler_real_time_period_ns = 0, query_profiler_cpu_time_period_ns = 0");
        setup.forEach(connection::execute);
    }

    public Path dataDir() {
        return connection.dataDir();
    }

    @Override
    public void migrate() {
        List<DdlScripts.Script> scripts = DdlScripts.load();
        scripts.stream().filter(s -> !s.view()).forEach(this::run);
        addMissingColumns();
        commentColumns();
        scripts.stream().filter(DdlScripts.Script::view).forEach(this::run);
    }

    private void run(DdlScripts.Script script) {
        try {
            connection.execute(script.sql());
        } catch (StoreException e) {
            throw new StoreException("DDL " + script.name() + " failed: " + e.getMessage(), e);
        }
    }

    /** Column comments from the schemas' docs (see ColumnComments), where they differ. */
    private void commentColumns() {
        for (TableSpec table : Tables.ALL) {
            Map<String, String> present = new java.util.HashMap<>();
            for (Map<String, Object> row : rows(ColumnComments.presentCommentsQuery(table))) {
                present.put((String) row.get("name"), (String) row.get("comment"));
            }
            ColumnComments.alterStatement(table, present).ifPresent(connection::execute);
        }
    }

    /** Columns of fields added to the schemas since the tables were made (see ColumnMigration). */
    private void addMissingColumns() {
        for (TableSpec table : Tables.ALL) {
            Set<String> present = Set.copyOf(List.of(connection.query(ColumnMigration.presentColumnsQuery(table),
                    "TabSeparatedRaw").split("\n")));
            ColumnMigration.alterStatements(table, present).forEach(connection::execute);
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

    @Override
    public String query(String sql, String format) {
        return connection.query(sql, format);
    }

    /** Runs a statement; the engine's output as bytes (binary formats such as RowBinary, or any text). */
    public byte[] queryBytes(String sql, String format) {
        return connection.queryBytes(sql, format);
    }

    /**
     * Starts an INSERT ({@code sql} without FORMAT or data) whose data follows in chunks in
     * {@code format}; see {@link ChdbInsert}. Holds the store until closed.
     */
    public ChdbInsert beginInsert(String sql, String format) {
        return connection.beginInsert(sql, format);
    }

    /** Runs a query and reads its rows as maps (column name to String, Number, Boolean, List, Map or null). */
    public List<Map<String, Object>> rows(String sql) {
        return readRows(sql, MAP_ROWS);
    }

    /** Runs a query and reads its rows as Jackson trees. */
    public List<JsonNode> jsonRows(String sql) {
        return readRows(sql, NODE_ROWS);
    }

    @Override
    public void close() {
        connection.close();
    }

    private void insert(TableSpec table, JsonEachRowEncoder encoder, List<? extends IndexedRecord> rows) {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder chunk = new StringBuilder(CHUNK_CHARS + (64 << 10));
        Iterator<? extends IndexedRecord> next = rows.iterator();
        while (next.hasNext()) {
            try (ChdbInsert insert = connection.beginInsert(insertSql(table), "JSONEachRow")) {
                for (int n = 0; n < BATCH_ROWS && next.hasNext(); n++) {
                    encoder.append(chunk, next.next());
                    if (chunk.length() >= CHUNK_CHARS) {
                        insert.append(chunk);
                        chunk.setLength(0);
                    }
                }
                if (!chunk.isEmpty()) {
                    insert.append(chunk);
                    chunk.setLength(0);
                }
                insert.finish();
            }
        }
    }

    /**
     * The INSERT's settings, each measured on the embedded engine:
     * <ul>
     *   <li>{@code input_format_skip_unknown_fields = 0}: a key the table lacks is an error, not
     *       silently dropped data.
     *   <li>{@code input_format_parallel_parsing = 0}: on a small machine the parallel parser
     *       costs more than it gains, and another core is busy encoding the next chunk.
     *   <li>{@code optimize_on_insert = 0}: ReplacingMergeTree would otherwise deduplicate each
     *       inserted block on the way in, which about doubled the write time; reads use FINAL,
     *       so deduplication at insert buys nothing.
     * </ul>
     */
    private static String insertSql(TableSpec table) {
        return "INSERT INTO " + table.name() + " SETTINGS input_format_skip_unknown_fields = 0,"
                + " input_format_parallel_parsing = 0, optimize_on_insert = 0";
    }

    private <T> List<T> readRows(String sql, ObjectReader reader) {
        String text = connection.query(sql, "JSONEachRow");
        try (MappingIterator<T> rows = reader.readValues(text)) {
            return rows.readAll();
        } catch (JsonProcessingException e) {
            throw new StoreException("The engine's JSONEachRow output did not parse: " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new StoreException("Reading rows failed: " + e.getMessage(), e);
        }
    }
}
