package io.mailcensus.coordinator.rescan;

import io.mailcensus.coordinator.input.NameSource;
import io.mailcensus.core.port.RoundEvent;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Continuous mode's round bookkeeping: from the slices as they are fed, the {@link RoundEvent}s
 * that give each rolling round its {@code scans} row. A round is named by its start (as its
 * tasks' scan id); it is FEEDING from its first slice on and FED after its last, with the number
 * of domains due over all its slices. A coordinator that starts mid-round counts the slices
 * before its first one from the source, so the round's total does not depend on restarts.
 */
public final class RoundTally {

    private final RescanFeeder feeder;
    private final RescanSchedule schedule;
    private final Clock clock;
    private final String source;
    private final Map<Long, Long> enqueued = new HashMap<>();
    private final boolean resumed;
    private boolean first = true;

    /**
     * @param resumed a previous coordinator fed the current round up to now (its earlier slices and the skipped
     *     slots of the first slice count as enqueued); false: a fresh start, only what this process feeds counts
     */
    public RoundTally(RescanFeeder feeder, RescanSchedule schedule, Clock clock, String source, boolean resumed) {
        this.resumed = resumed;
        this.feeder = feeder;
        this.schedule = schedule;
        this.clock = clock;
        this.source = source;
    }

    /** The round's id: its start, as continuous mode names its tasks' scan id. */
    public String roundId(long round) {
        return schedule.roundStart(round).toString();
    }

    /**
     * The FEEDING event that puts {@code round} in the scans table when it starts, before its first
     * slice is fed (with one slice a round, the first counts come only at its end). It carries no
     * counts: the aggregator keeps the larger of what it has and what an event says, so sending it
     * again after a restart lowers nothing.
     */
    public static RoundEvent starting(RescanSchedule schedule, long round, Instant now, String source) {
        return new RoundEvent(RoundEvent.Kind.FEEDING, schedule.roundStart(round).toString(), schedule.roundStart(round),
                now, source, 0, 0);
    }

    /** The event to send after {@code report}'s slice was fed: FED after the round's last slice. */
    public RoundEvent fed(SliceReport report, Supplier<NameSource> sources) throws IOException {
        long round = report.round();
        long fed = report.due();
        if (first) {
            first = false;
            boolean midRound = feeder.sliceInRound(report.slice()) != 0;
            enqueued.put(round, resumed && midRound ? feeder.dueBefore(sources.get(), report.slice()) : 0);
            fed = resumed ? report.due() : report.emitted();
        }
        long total = enqueued.merge(round, fed, Long::sum);
        boolean last = feeder.sliceInRound(report.slice()) == feeder.slicesPerRound() - 1;
        if (last) {
            enqueued.remove(round);
        }
        Instant start = schedule.roundStart(round);
        return new RoundEvent(last ? RoundEvent.Kind.FED : RoundEvent.Kind.FEEDING, roundId(round), start,
                clock.instant(), source, total, report.rejected());
    }
}
