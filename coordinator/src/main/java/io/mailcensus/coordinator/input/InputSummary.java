package io.mailcensus.coordinator.input;

import io.mailcensus.core.name.Rejection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What happened to the input: how many names were accepted, how many were duplicates, and
 * which were rejected and why, with a few examples per reason. A malformed name in a list of
 * two million is counted here, never fatal.
 */
public final class InputSummary {

    private static final int EXAMPLES_PER_REASON = 5;

    private final AtomicLong read = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final Map<Rejection, AtomicLong> rejected = Collections.synchronizedMap(new EnumMap<>(Rejection.class));
    private final Map<Rejection, List<String>> examples = Collections.synchronizedMap(new EnumMap<>(Rejection.class));

    void countRead() {
        read.incrementAndGet();
    }

    void countAccepted() {
        accepted.incrementAndGet();
    }

    void countDuplicate() {
        duplicates.incrementAndGet();
    }

    void countSkipped() {
        skipped.incrementAndGet();
    }

    void countRejected(String input, Rejection reason) {
        rejected.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
        List<String> list = examples.computeIfAbsent(reason, r -> Collections.synchronizedList(new ArrayList<>()));
        if (list.size() < EXAMPLES_PER_REASON) {
            list.add(input.length() > 80 ? input.substring(0, 77) + "..." : input);
        }
    }

    public long read() {
        return read.get();
    }

    /** Names handed to the workers. */
    public long accepted() {
        return accepted.get();
    }

    public long duplicates() {
        return duplicates.get();
    }

    /** Names already scanned in this round (a resumed scan). */
    public long skipped() {
        return skipped.get();
    }

    public long rejectedTotal() {
        synchronized (rejected) {
            return rejected.values().stream().mapToLong(AtomicLong::get).sum();
        }
    }

    public Map<Rejection, Long> rejectedByReason() {
        synchronized (rejected) {
            Map<Rejection, Long> out = new EnumMap<>(Rejection.class);
            rejected.forEach((k, v) -> out.put(k, v.get()));
            return out;
        }
    }

    public List<String> examples(Rejection reason) {
        List<String> list = examples.get(reason);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    /** A few lines for the terminal: one per rejection reason with examples. */
    public List<String> describeRejections() {
        List<String> lines = new ArrayList<>();
        rejectedByReason().forEach((reason, count) -> lines.add(String.format(
                "  %,d rejected: %s, e.g. %s", count, reason.description(), String.join(", ", examples(reason)))));
        return lines;
    }
}
