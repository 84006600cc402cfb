package io.mailcensus.core.port;

import java.time.Instant;

/**
 * One scan round as the {@code scans} table keeps it.
 *
 * @param state running, finished, interrupted
 * @param source what was scanned: a file name, "stdin", a zone, an AXFR server
 * @param rejected input lines that were not valid domain names
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
        Instant updated) {}
