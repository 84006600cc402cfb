package io.mailcensus.kafka.work;

import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The tasks already done above a partition's committed offset, carried in the commit's metadata.
 * A partition commits only up to its lowest unfinished task, so without this a new owner (after a
 * crash or a rebalance) would probe again every task that finished after that one: one slow mail
 * server holds the offset back while hundreds of its neighbours finish. With it the new owner
 * skips them; their results are durable (offsets are committed after the producer's flush).
 *
 * <p>Format: {@code "done "} then comma-separated ranges {@code a-b} (or {@code a}) of offsets
 * relative to the committed one, in base 36. Kafka keeps at most {@code offset.metadata.max.bytes}
 * (4 KiB by default) of metadata, so the ranges stop at {@link #MAX_CHARS}: the tasks beyond are
 * probed again, as before. Not an end-of-round marker's metadata, which says more.
 */
final class DoneOffsets {

    static final String PREFIX = "done ";
    static final int MAX_CHARS = 3_000;

    private DoneOffsets() {}

    /** The metadata for {@code done} (offsets above {@code committed}); "" if there are none. */
    static String encode(long committed, NavigableSet<Long> done) {
        StringBuilder out = new StringBuilder();
        Long start = null;
        long last = -1;
        for (long o : done.tailSet(committed, false)) {
            if (start != null && o == last + 1) {
                last = o;
                continue;
            }
            if (start != null && !append(out, committed, start, last)) {
                return finish(out);
            }
            start = o;
            last = o;
        }
        if (start != null) {
            append(out, committed, start, last);
        }
        return finish(out);
    }

    private static boolean append(StringBuilder out, long committed, long from, long to) {
        String range = Long.toString(from - committed, 36) + (to > from ? "-" + Long.toString(to - committed, 36) : "");
        if (PREFIX.length() + out.length() + range.length() + 1 > MAX_CHARS) {
            return false;
        }
        if (!out.isEmpty()) {
            out.append(',');
        }
        out.append(range);
        return true;
    }

    private static String finish(StringBuilder ranges) {
        return ranges.isEmpty() ? "" : PREFIX + ranges;
    }

    /** The offsets a commit's metadata says are done; empty for other or malformed metadata. */
    static NavigableSet<Long> decode(long committed, String metadata) {
        TreeSet<Long> done = new TreeSet<>();
        if (metadata == null || !metadata.startsWith(PREFIX)) {
            return done;
        }
        try {
            for (String range : metadata.substring(PREFIX.length()).split(",")) {
                int dash = range.indexOf('-');
                long from = Long.parseLong(dash < 0 ? range : range.substring(0, dash), 36);
                long to = dash < 0 ? from : Long.parseLong(range.substring(dash + 1), 36);
                if (from < 1 || to < from || to - from > 1_000_000) {
                    return new TreeSet<>();
                }
                for (long o = from; o <= to; o++) {
                    done.add(committed + o);
                }
            }
        } catch (NumberFormatException e) {
            return new TreeSet<>();
        }
        return done;
    }
}
