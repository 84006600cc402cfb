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

    private static final long SCAN_AT_MOST = 100_000;

    private final TopicPartition partition;
    private final TreeSet<Long> pending = new TreeSet<>();
    /** Offsets above the committed one that the previous owner finished (its commit's metadata). */
    private final TreeSet<Long> inherited = new TreeSet<>();
    /** Markers read since assignment: never "done", a new owner must read them itself. */
    private final TreeSet<Long> markers = new TreeSet<>();
    /** The first offset taken since assignment: below it this consumer knows nothing. */
    private long first = -1;
    /** One past the last record taken from Kafka; -1 before the first. */
    private long next = -1;
    private long committed = -1;
    private String committedMetadata = "";
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
        seen(offset);
        pending.add(offset);
        next = offset + 1;
    }

    /** A record that needs no work: a poison message, or a task the previous owner finished. */
    void skipped(long offset) {
        seen(offset);
        next = offset + 1;
    }

    private void seen(long offset) {
        if (first < 0) {
            first = offset;
        }
    }

    /** The committed offset and metadata this consumer starts from: the tasks done above it are skipped. */
    void inherit(OffsetAndMetadata start) {
        inherited.addAll(DoneOffsets.decode(start.offset(), start.metadata()));
    }

    /** True (once) if the previous owner finished the task at {@code offset}: skip it. */
    boolean doneBefore(long offset) {
        return inherited.remove(offset);
    }

    /** An end-of-round marker: needs no work, and the commit past it says the round ended. */
    void marker(long offset, String scanId) {
        seen(offset);
        markers.add(offset);
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

    /**
     * The offset to commit when it moved past the last commit (everything before it is done), or
     * when more tasks above it are done: those go in the metadata ({@link DoneOffsets}).
     */
    Optional<OffsetAndMetadata> toCommit() {
        long offset = pending.isEmpty() ? next : pending.first();
        if (offset < 0 || offset < committed) {
            return Optional.empty();
        }
        String metadata = offset == markerNext ? RoundMarker.commitMetadata(markerScan)
                : DoneOffsets.encode(offset, doneAbove(offset));
        if (offset == committed && metadata.equals(committedMetadata)) {
            return Optional.empty();
        }
        return Optional.of(new OffsetAndMetadata(offset, metadata));
    }

    /** Offsets above {@code offset} known done: taken and acknowledged, skipped, or inherited and not reached yet. */
    private TreeSet<Long> doneAbove(long offset) {
        TreeSet<Long> done = new TreeSet<>(inherited.tailSet(offset, false));
        if (!pending.isEmpty() && first >= 0) {
            // bounded: the metadata holds a few hundred ranges at most (DoneOffsets.MAX_CHARS)
            long end = Math.min(next, Math.max(offset + 1, first) + SCAN_AT_MOST);
            for (long o = Math.max(offset + 1, first); o < end; o++) {
                if (!pending.contains(o) && !markers.contains(o)) {
                    done.add(o);
                }
            }
        }
        return done;
    }

    void committed(OffsetAndMetadata o) {
        if (o.offset() >= committed) {
            committed = o.offset();
            committedMetadata = o.metadata();
        }
    }

    /** A commit failed: the next attempt sends this partition's offset again. */
    void commitFailed() {
        committed = -1;
        committedMetadata = "";
    }
}
