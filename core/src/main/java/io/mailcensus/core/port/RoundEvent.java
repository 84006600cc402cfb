package io.mailcensus.core.port;

import java.time.Instant;

/**
 * What the coordinator says about a distributed round, carried to the aggregator beside the
 * results so that the store's {@code scans} row of the round is written by the roles that ran it.
 *
 * @param kind FEEDING while tasks are being fed (sent when the round starts and as it goes), FED once the
 *     last task of the round is durable in Kafka: {@code enqueued} is then final
 * @param roundStarted when the round started (a continuous round: its period's start)
 * @param at when the coordinator said it
 * @param enqueued tasks fed so far (FEEDING) or in all (FED)
 * @param rejected input lines that were not domain names
 * @param options what the round measures with, as far as the announcing role knows it (fields it
 *     does not know are null; {@link ScanOptions#UNKNOWN} when it knows nothing): the aggregator
 *     writes them into the round's {@code scans} row
 */
public record RoundEvent(Kind kind, String scanId, Instant roundStarted, Instant at, String source, long enqueued,
        long rejected, ScanOptions options) {

    public enum Kind { FEEDING, FED }

    public RoundEvent {
        options = options == null ? ScanOptions.UNKNOWN : options;
    }

    /** The same event, carrying {@code options}. */
    public RoundEvent withOptions(ScanOptions options) {
        return new RoundEvent(kind, scanId, roundStarted, at, source, enqueued, rejected, options);
    }

    /** An event that carries no options. */
    public RoundEvent(Kind kind, String scanId, Instant roundStarted, Instant at, String source, long enqueued,
            long rejected) {
        this(kind, scanId, roundStarted, at, source, enqueued, rejected, ScanOptions.UNKNOWN);
    }
}
