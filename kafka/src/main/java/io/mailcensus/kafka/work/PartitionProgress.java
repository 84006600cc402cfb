package io.mailcensus.kafka.work;

import io.mailcensus.kafka.topic.RoundMarker;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What one consumer has done with one partition since it was assigned: the offsets taken but
 * not yet acknowledged, and so the offset it may commit. Tasks finish out of order (a slow
 * domain next to fast ones), so the committable offset is the lowest one still pending: a
 * crash redelivers that task and the ones after it, never skips one. Not thread-safe: the
 * consumer's thread owns it.
 */
final class PartitionProgress {

    private final TopicPartition partition;
    private final TreeSet<Long> pending = new TreeSet<>();
    /** One past the last record taken from Kafka; -1 before the first. */
    private long next = -1;
    private long committed = -1;
    private long markerNext = -1;
    private String markerScan;
    private boolean roundOver;
    private boolean revoked;

    PartitionProgress(TopicPartition partition) {
        this.partition = partition;
    }

    TopicPartition partition() {
        return partition;
    }

    /** A task handed to the worker (or buffered for it): pending until acknowledged. */
    void took(long offset) {
        pending.add(offset);
        next = offset + 1;
    }

    /** A record that needs no work: a poison message. */
    void skipped(long offset) {
        next = offset + 1;
    }

    /** An end-of-round marker: needs no work, and the commit past it says the round ended. */
    void marker(long offset, String scanId) {
        next = offset + 1;
        markerNext = next;
        markerScan = scanId;
    }

    void acknowledged(long offset) {
        pending.remove(offset);
    }

    int pendingCount() {
        return pending.size();
    }

    /** The finite round this consumer serves has ended in this partition: take nothing more. */
    void endRound() {
        roundOver = true;
    }

    boolean roundOver() {
        return roundOver;
    }

    void revoke() {
        revoked = true;
    }

    boolean revoked() {
        return revoked;
    }

    /** The offset to commit when it moved past the last commit: everything before it is done. */
    Optional<OffsetAndMetadata> toCommit() {
        long offset = pending.isEmpty() ? next : pending.first();
        if (offset < 0 || offset <= committed) {
            return Optional.empty();
        }
        String metadata = offset == markerNext ? RoundMarker.commitMetadata(markerScan) : "";
        return Optional.of(new OffsetAndMetadata(offset, metadata));
    }

    void committed(long offset) {
        committed = Math.max(committed, offset);
    }

    /** A commit failed: the next attempt sends this partition's offset again. */
    void commitFailed() {
        committed = -1;
    }
}
