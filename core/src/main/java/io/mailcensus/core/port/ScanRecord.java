package io.mailcensus.core.port;

import java.time.Instant;

/**
 * One scan round as the {@code scans} table keeps it.
 *
 * @param state running, finished, interrupted
 * @param source what was scanned: a file name, "stdin", a zone, an AXFR server
 * @param rejected input lines that were not valid domain names
 * @param options what the scan measured with ({@link ScanOptions#UNKNOWN} when not recorded)
 * @param feedingFinished a distributed round: when the coordinator had fed its last task (null while feeding,
 *     and for single-machine scans)
 * @param enqueued a distributed round: tasks fed so far (final once feeding finished)
 * @param failed a distributed round: tasks given up on without a result
 * @param inFlight a distributed round: enqueued tasks with no result in the store yet
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
        ScanOptions options,
        // distributed rounds (the aggregator's RoundBook); zero and null for single-machine scans
        Instant feedingFinished,
        long enqueued,
        long failed,
        long inFlight) {

    public ScanRecord {
        options = options == null ? ScanOptions.UNKNOWN : options;
    }

    /** A row without recorded options or round counts. */
    public ScanRecord(String id, Instant started, Instant finished, String state, String source, long domainsTotal,
            long domainsDone, long rejected, Instant updated) {
        this(id, started, finished, state, source, domainsTotal, domainsDone, rejected, updated, ScanOptions.UNKNOWN);
    }

    /** A single-machine scan's row: its options, no round counts. */
    public ScanRecord(String id, Instant started, Instant finished, String state, String source, long domainsTotal,
            long domainsDone, long rejected, Instant updated, ScanOptions options) {
        this(id, started, finished, state, source, domainsTotal, domainsDone, rejected, updated, options, null, 0, 0, 0);
    }

    /** A distributed round's row (no options recorded by the distributed roles yet). */
    public ScanRecord(String id, Instant started, Instant finished, String state, String source, long domainsTotal,
            long domainsDone, long rejected, Instant updated, Instant feedingFinished, long enqueued, long failed,
            long inFlight) {
        this(id, started, finished, state, source, domainsTotal, domainsDone, rejected, updated, ScanOptions.UNKNOWN,
                feedingFinished, enqueued, failed, inFlight);
    }
}
