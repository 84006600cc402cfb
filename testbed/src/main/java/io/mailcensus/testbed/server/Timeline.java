package io.mailcensus.testbed.server;

import java.util.PriorityQueue;

/**
 * Things to do at a given time (nanoseconds of some monotonic clock), earliest first, equal times
 * in the order they were added. Bounded: the relay holds at most {@code capacity} packets in
 * flight and drops (and counts) the rest, so a flood cannot exhaust its heap.
 */
final class Timeline<T> {

    private record Entry<T>(long due, long seq, T item) {}

    private final PriorityQueue<Entry<T>> queue = new PriorityQueue<>((a, b) ->
            a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
    private final int capacity;
    private long seq;
    private long overflows;

    Timeline(int capacity) {
        this.capacity = capacity;
    }

    /** Schedules {@code item} at {@code due}; false (and counted) when the timeline is full. */
    boolean add(long due, T item) {
        if (queue.size() >= capacity) {
            overflows++;
            return false;
        }
        queue.add(new Entry<>(due, seq++, item));
        return true;
    }

    /** The earliest item due at or before {@code now}, or null. */
    T pollDue(long now) {
        Entry<T> head = queue.peek();
        if (head == null || head.due - now > 0) {
            return null;
        }
        queue.poll();
        return head.item;
    }

    /** Nanoseconds from {@code now} until the next item is due (0 if overdue), or -1 when empty. */
    long nanosUntilNext(long now) {
        Entry<T> head = queue.peek();
        return head == null ? -1 : Math.max(0, head.due - now);
    }

    int size() {
        return queue.size();
    }

    long overflows() {
        return overflows;
    }
}
