package io.mailcensus.coordinator.rescan;

import io.mailcensus.coordinator.input.NameSource;
import io.mailcensus.core.name.DomainName;
import io.mailcensus.core.name.DomainNames;
import io.mailcensus.core.name.NameResult;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Continuous mode's feeder: hands each domain to the sink once per round, in the slice of the
 * round its {@link RescanSchedule} offset falls into, and spaces the domains of a slice evenly
 * over it, so the task rate is flat instead of a burst per round.
 *
 * <p>Memory stays bounded by one slice: at the start of every slice the source is read again and
 * only the names due in that slice are kept (a TLD of 2.5 million names over a week of hourly
 * slices: ~15,000 names). A domain's slice follows from its name alone, so de-duplicating within
 * the slice de-duplicates the round, and names added to the source join at their own slot.
 */
public final class RescanFeeder {

    private final RescanSchedule schedule;
    private final long sliceMillis;
    private final long slicesPerRound;
    private final Clock clock;
    private final Pacer pacer;

    /**
     * @param slice how finely the period is cut (e.g. 1 h of 7 d); must divide the period
     */
    public RescanFeeder(RescanSchedule schedule, Duration slice, Clock clock, Pacer pacer) {
        long period = schedule.period().toMillis();
        if (slice.toMillis() < 1 || period % slice.toMillis() != 0) {
            throw new IllegalArgumentException("slice " + slice + " must divide the period " + schedule.period());
        }
        this.schedule = schedule;
        this.sliceMillis = slice.toMillis();
        this.slicesPerRound = period / sliceMillis;
        this.clock = clock;
        this.pacer = pacer;
    }

    /** Hourly slices, or one slice per round when the period is shorter than two hours. */
    public static Duration defaultSlice(Duration period) {
        return period.toMillis() % Duration.ofHours(1).toMillis() == 0 && period.compareTo(Duration.ofHours(2)) >= 0
                ? Duration.ofHours(1) : period;
    }

    /** The slice (counted from the schedule's epoch) that contains {@code t}. */
    public long slice(Instant t) {
        return Math.floorDiv(schedule.millisSinceEpoch(t), sliceMillis);
    }

    public Instant sliceStart(long slice) {
        return schedule.roundStart(0).plusMillis(Math.multiplyExact(slice, sliceMillis));
    }

    /**
     * Feeds {@code slices} slices from the one containing now (Long.MAX_VALUE: until
     * interrupted). Slots of the first slice that are already past are skipped: after a restart
     * they were fed by the previous process, or they come again next round.
     *
     * @param sources a fresh reader of the domain list for each slice
     */
    public List<SliceReport> run(Supplier<NameSource> sources, DueSink sink, long slices)
            throws IOException, InterruptedException {
        return run(sources, sink, slices, report -> {});
    }

    /** As {@link #run(Supplier, DueSink, long)}, telling {@code afterSlice} about each slice once it is fed. */
    public List<SliceReport> run(Supplier<NameSource> sources, DueSink sink, long slices, SliceListener afterSlice)
            throws IOException, InterruptedException {
        return run(sources, sink, slices, afterSlice, null);
    }

    /**
     * As above; {@code resumeAfter}, the last slot a previous coordinator fed in the current slice (null: none),
     * makes the first slice feed every slot after it, the ones already past now included, so a restart neither
     * skips nor repeats a slot of the slice.
     */
    public List<SliceReport> run(Supplier<NameSource> sources, DueSink sink, long slices, SliceListener afterSlice,
            Instant resumeAfter) throws IOException, InterruptedException {
        Instant now = clock.instant();
        Instant started = resumeAfter != null && slice(resumeAfter) == slice(now) && resumeAfter.isBefore(now)
                ? resumeAfter.plusMillis(1) : now;
        long first = slice(now);
        List<SliceReport> reports = new ArrayList<>();
        for (long s = first; s - first < slices; s++) {
            SliceReport report = feedSlice(sources.get(), s, s == first ? started : Instant.MIN, sink);
            afterSlice.fed(report);
            if (slices != Long.MAX_VALUE) {
                reports.add(report); // a bounded run (tests, a one-off) returns what it did
            }
        }
        return reports;
    }

    /**
     * Waits for the slice to start, reads the source, and emits the domains due in the slice at
     * evenly spaced instants (in the order of their offsets), skipping slots before
     * {@code notBefore}.
     */
    public SliceReport feedSlice(NameSource source, long slice, Instant notBefore, DueSink sink)
            throws IOException, InterruptedException {
        Instant start = sliceStart(slice);
        long round = schedule.round(start);
        long sliceInRound = Math.floorMod(slice, slicesPerRound);
        pacer.waitUntil(start);

        Set<String> seen = new HashSet<>();
        List<Due> due = new ArrayList<>();
        long[] read = {0};
        long[] rejected = {0};
        source.forEach(raw -> {
            read[0]++;
            switch (DomainNames.normalize(raw)) {
                case NameResult.Rejected r -> rejected[0]++;
                case NameResult.Accepted a -> {
                    long offset = schedule.offsetMillis(a.name().ascii());
                    if (offset / sliceMillis == sliceInRound && seen.add(a.name().ascii())) {
                        due.add(new Due(offset, a.name()));
                    }
                }
            }
        }, unreadable -> {
            read[0]++;
            rejected[0]++;
        });
        due.sort(Comparator.comparingLong(Due::offset).thenComparing(d -> d.name().ascii()));

        long emitted = 0;
        long skipped = 0;
        int n = due.size();
        for (int i = 0; i < n; i++) {
            Instant at = start.plusMillis(slot(i, n, sliceMillis));
            if (at.isBefore(notBefore)) {
                skipped++;
                continue;
            }
            pacer.waitUntil(at);
            sink.due(due.get(i).name(), round, at);
            emitted++;
        }
        return new SliceReport(slice, round, start, read[0], rejected[0], n, emitted, skipped);
    }

    /** Called after each slice is fed (the coordinator's round bookkeeping). */
    @FunctionalInterface
    public interface SliceListener {
        void fed(SliceReport report) throws IOException, InterruptedException;
    }

    /** Slices in one round. */
    public long slicesPerRound() {
        return slicesPerRound;
    }

    /** The slice's place in its round, from 0. */
    public long sliceInRound(long slice) {
        return Math.floorMod(slice, slicesPerRound);
    }

    /**
     * The distinct domains of the source that are due in the slices of {@code slice}'s round before it: what
     * a coordinator that starts in the middle of a round counts as fed by the process before it.
     */
    public long dueBefore(NameSource source, long slice) throws IOException {
        long before = sliceInRound(slice);
        Set<String> seen = new HashSet<>();
        source.forEach(raw -> {
            if (DomainNames.normalize(raw) instanceof NameResult.Accepted a
                    && schedule.offsetMillis(a.name().ascii()) / sliceMillis < before) {
                seen.add(a.name().ascii());
            }
        });
        return seen.size();
    }

    /** The i-th of n evenly spaced instants in a slice, each in the middle of its share. */
    static long slot(int i, int n, long sliceMillis) {
        return Math.multiplyExact(2L * i + 1, sliceMillis) / (2L * n);
    }

    private record Due(long offset, DomainName name) {}
}
