package io.mailcensus.core.port;

import java.time.Instant;

/**
 * One scan round as the {@code scans} table keeps it.
 *
 * @param state running, finished, interrupted
 * @param source what was scanned: a file name, "stdin", a zone, an AXFR server
 * @param rejected input lines that were not valid domain names
 * @param options what the scan measured with ({@link ScanOptions#UNKNOWN} when not recorded)
 */
public record ScanRecord(
        String id,
        Instant started,
        Instant finished,
        String state,
        String source,
        long domainsTotal,
        long domainsDone,
        long rejected,
        Instant updated,
        ScanOptions options) {

    public ScanRecord {
        options = options == null ? ScanOptions.UNKNOWN : options;
    }

    /** A row without recorded options. */
    public ScanRecord(String id, Instant started, Instant finished, String state, String source, long domainsTotal,
            long domainsDone, long rejected, Instant updated) {
        this(id, started, finished, state, source, domainsTotal, domainsDone, rejected, updated, ScanOptions.UNKNOWN);
    }
}
