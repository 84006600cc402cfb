package io.mailcensus.aggregator.round;

import io.mailcensus.core.metrics.MeterNames;
import io.mailcensus.core.metrics.Metrics;
import io.mailcensus.core.port.ResultStore;
import io.mailcensus.core.port.RoundEvent;
import io.mailcensus.core.port.ScanOptions;
import io.mailcensus.core.port.ScanRecord;
import io.mailcensus.store.schema.ScanTable;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code scans} rows of distributed rounds, kept by the aggregator: the coordinator's
 * {@link RoundEvent}s say when a round started and how many tasks it fed; the store says how
 * many domains have a result. A round is {@code feeding}, then {@code fed}, then
 * {@code finished} once it was fed and every fed domain has a result in the store.
 *
 * <p>The store is the memory: open rounds are read back from the {@code scans} table, so an
 * aggregator that restarts (and re-reads events it had not committed) carries on, and done is
 * counted from the stored results (distinct domains), so re-delivered results count once.
 * Not thread-safe: the store writer's thread owns it.
 */
public final class RoundBook {

    public static final String FEEDING = "feeding";
    public static final String FED = "fed";
    public static final String FINISHED = "finished";

    private final ResultStore store;
    private final Clock clock;
    /** Rounds whose gauges are served, finished ones included, until newer rounds push them out. */
    private static final int ROUNDS_IN_METRICS = 4;

    private final Map<String, ScanRecord> open = new LinkedHashMap<>();
    private final Map<String, ScanRecord[]> shown = new LinkedHashMap<>();
    private final Metrics metrics;
    private boolean loaded;

    public RoundBook(ResultStore store, Clock clock) {
        this(store, clock, Metrics.none());
    }

    /** Serves each round's counts as {@value MeterNames#ROUND_TASKS} gauges. */
    public RoundBook(ResultStore store, Clock clock, Metrics metrics) {
        this.store = store;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** The row as it is now, for the gauges; registers the round's gauges the first time. */
    private void show(ScanRecord r) {
        ScanRecord[] holder = shown.get(r.id());
        if (holder == null) {
            ScanRecord[] h = {r};
            holder = h;
            shown.put(r.id(), h);
            metrics.gauge(MeterNames.ROUND_TASKS, h, x -> x[0].enqueued(), "round", r.id(), "count", "enqueued");
            metrics.gauge(MeterNames.ROUND_TASKS, h, x -> x[0].domainsDone(), "round", r.id(), "count", "done");
            metrics.gauge(MeterNames.ROUND_TASKS, h, x -> x[0].failed(), "round", r.id(), "count", "failed");
            metrics.gauge(MeterNames.ROUND_TASKS, h, x -> x[0].inFlight(), "round", r.id(), "count", "in_flight");
            if (shown.size() > ROUNDS_IN_METRICS) {
                String oldest = shown.keySet().iterator().next();
                shown.remove(oldest);
                var registry = metrics.registry();
                registry.find(MeterNames.ROUND_TASKS).tag("round", oldest).meters().forEach(registry::remove);
            }
        }
        holder[0] = r;
    }

    /** Records the event in the round's row; an event for a round already finished changes nothing. */
    public void apply(RoundEvent e) {
        load();
        ScanRecord current = open.get(e.scanId());
        if (current == null) {
            List<ScanRecord> stored = ScanTable.read(store, "SELECT * FROM scans FINAL WHERE id = "
                    + ScanTable.quote(e.scanId()));
            if (!stored.isEmpty() && FINISHED.equals(stored.getFirst().state())) {
                return; // re-read after a restart: the round is over
            }
            current = stored.isEmpty() ? null : stored.getFirst();
        }
        ScanRecord next = merge(current, e, clock.instant());
        store.upsertScan(next);
        open.put(next.id(), next);
        show(next);
    }

    /** Counts the stored results of the open rounds, updates their rows and finishes the complete ones. */
    public void refresh() {
        load();
        if (open.isEmpty()) {
            return;
        }
        Map<String, Long> done = doneCounts();
        Instant now = clock.instant();
        for (ScanRecord r : List.copyOf(open.values())) {
            long d = done.getOrDefault(r.id(), 0L);
            long inFlight = Math.max(0, r.enqueued() - d - r.failed());
            boolean complete = FED.equals(r.state()) && inFlight == 0;
            if (d == r.domainsDone() && inFlight == r.inFlight() && !complete) {
                continue;
            }
            ScanRecord next = new ScanRecord(r.id(), r.started(), complete ? now : null,
                    complete ? FINISHED : r.state(), r.source(), r.domainsTotal(), d, r.rejected(), now, r.options(),
                    r.feedingFinished(), r.enqueued(), r.failed(), inFlight);
            store.upsertScan(next);
            show(next);
            if (complete) {
                open.remove(r.id());
            } else {
                open.put(r.id(), next);
            }
        }
    }

    /** The rounds not yet finished, by id. */
    public Map<String, ScanRecord> open() {
        load();
        return Map.copyOf(open);
    }

    static ScanRecord merge(ScanRecord current, RoundEvent e, Instant now) {
        Instant started = current == null || e.roundStarted().isBefore(current.started())
                ? e.roundStarted() : current.started();
        String source = e.source() == null || e.source().isEmpty()
                ? (current == null ? "" : current.source()) : e.source();
        long done = current == null ? 0 : current.domainsDone();
        long failed = current == null ? 0 : current.failed();
        boolean alreadyFed = current != null && FED.equals(current.state());
        // the event's options where it has any, else what the row holds (an older coordinator's events carry none)
        ScanOptions options = !e.options().equals(ScanOptions.UNKNOWN) || current == null ? e.options() : current.options();
        if (e.kind() == RoundEvent.Kind.FED) {
            return new ScanRecord(e.scanId(), started, null, FED, source, e.enqueued() + e.rejected(), done,
                    e.rejected(), now, options, e.at(), e.enqueued(), failed, Math.max(0, e.enqueued() - done - failed));
        }
        if (alreadyFed) {
            return current; // a late FEEDING after FED (another partition, a re-read) says nothing new
        }
        long enqueued = Math.max(current == null ? 0 : current.enqueued(), e.enqueued());
        long rejected = Math.max(current == null ? 0 : current.rejected(), e.rejected());
        return new ScanRecord(e.scanId(), started, null, FEEDING, source, enqueued + rejected, done, rejected, now,
                options, null, enqueued, failed, Math.max(0, enqueued - done - failed));
    }

    private void load() {
        if (loaded) {
            return;
        }
        for (ScanRecord r : ScanTable.read(store, "SELECT * FROM scans FINAL WHERE state IN ('" + FEEDING + "', '"
                + FED + "') ORDER BY started, id")) {
            open.put(r.id(), r);
            show(r);
        }
        loaded = true;
    }

    private Map<String, Long> doneCounts() {
        String ids = open.keySet().stream().map(ScanTable::quote).collect(Collectors.joining(", "));
        Map<String, Long> out = new HashMap<>();
        String tsv = store.query("SELECT scan_id, uniqExact(domain) FROM domain_results WHERE scan_id IN (" + ids
                + ") GROUP BY scan_id", "TabSeparated");
        for (String line : tsv.split("\n")) {
            int tab = line.lastIndexOf('\t');
            if (tab > 0) {
                out.put(ScanTable.unescapeTsv(line.substring(0, tab)), Long.parseLong(line.substring(tab + 1).strip()));
            }
        }
        return out;
    }
}
