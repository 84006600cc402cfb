package io.mailcensus.core.port;

import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.MailServerResult;
import java.util.List;

/**
 * The analytical store: ClickHouse, embedded (chDB) or a server. Tables deduplicate by key,
 * so inserting a re-delivered result twice never double-counts.
 */
public interface ResultStore extends AutoCloseable {

    /**
     * Rows per INSERT, and per batch of the writers in front of a store: one INSERT writes one
     * part per partition, so large batches are what make inserts fast; this many rows stay well
     * within a worker's memory.
     */
    int BATCH_ROWS = 20_000;

    /** Creates tables that do not exist yet (idempotent). */
    void migrate();

    void insertDomainResults(List<DomainResult> rows);

    void insertMailServerResults(List<MailServerResult> rows);

    /** Records a scan round's bookkeeping row (insert or replace by scan id). */
    void upsertScan(ScanRecord scan);

    /** Runs a statement and returns the engine's output in the given ClickHouse format. */
    String query(String sql, String format);

    @Override
    void close();
}
