package io.mailcensus.worker.mailserver;

import io.mailcensus.core.metrics.MeterNames;
import io.mailcensus.core.metrics.Metrics;
import io.mailcensus.schemas.ConnectStatus;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.schemas.MxProbeTask;
import io.mailcensus.core.name.GateKey;
import io.mailcensus.worker.loop.NotStartedException;
import io.mailcensus.worker.politeness.RoundCache;
import io.mailcensus.worker.politeness.Scheduler;
import io.mailcensus.worker.smtp.MailServerResults;
import io.mailcensus.worker.smtp.MailServerTarget;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter.MeterProvider;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs MX probe tasks: each (host, IP) pair at most once per round, however many domains (or
 * re-delivered tasks) name it, and its result published exactly once.
 *
 * <p>Scheduling is per gate, as a polite crawler's frontier is per host: tasks wait in their
 * gate's queue (one per IPv4 address, one per IPv6 /64: {@link GateKey}), and at most
 * {@code perIp} of a gate's tasks are active at once (the gate's connection limit), so a mail
 * server behind thousands of host names waits its turn without holding up the others. At most
 * {@code maxActive} tasks are active in all (file descriptors, memory); an active task may still
 * wait at its gate for the rate limit or a backoff.
 *
 * <p>Each domain's pairs share a time budget ({@link MailServerBudget#time()}): it starts when
 * the first of them starts, and a pair that has not started (or still waits at its gate) when
 * the budget of every domain that asked for it is spent is published as not probed
 * ({@code connect = not_checked}, error {@code not_probed: budget ...}) instead. A task the
 * domain's counts already left out ({@code not_probed} set) is published the same way, unless
 * its pair is probed this round for another domain.
 *
 * <p>Gates in trouble (a probe timed out there, or it is quarantined) hold at most a quarter of
 * the {@code maxActive} slots at once ({@link TroubledGates}); their further probes wait, parked,
 * until a troubled slot is free, so a few tarpits cannot take every slot.
 *
 * <p>Memory per round: one small entry per distinct pair (the round cache), plus the queued tasks.
 */
public final class MailServerStage {

    private static final Logger log = LoggerFactory.getLogger(MailServerStage.class);
    /** An entry wanted by more domains than this is no one domain's tail: it is never left out. */
    private static final int MAX_BUDGETS_PER_ENTRY = 8;

    /** Probes one pair: {@code MailServerProber::probe}, or a fake in unit tests. */
    @FunctionalInterface
    public interface Probe {
        CompletionStage<MailServerResult> probe(String scanId, MailServerTarget target);

        /**
         * The same, giving up before the conversation starts (still waiting at the gate) once
         * {@code giveUp} completes: the result is then a not-probed row with the reason it
         * completed with. The default ignores it.
         */
        default CompletionStage<MailServerResult> probe(String scanId, MailServerTarget target,
                CompletionStage<String> giveUp) {
            return probe(scanId, target);
        }
    }

    private final Probe prober;
    private final Consumer<MailServerResult> publish;
    private final int maxActive;
    private final int perIp;
    private final Clock clock;
    private final Duration budgetTime;
    private final Scheduler scheduler;
    private final RoundCache<MailServerTarget, ConnectStatus> round = new RoundCache<>();

    // keyed as the politeness gates are (GateKey): one queue per gate
    private final Map<InetAddress, ArrayDeque<Entry>> waiting = new HashMap<>(); // guarded by this
    private final Map<InetAddress, Integer> activePerGate = new HashMap<>(); // guarded by this
    private final ArrayDeque<InetAddress> ready = new ArrayDeque<>(); // gates with work and room; guarded by this
    private final Set<InetAddress> parked = new LinkedHashSet<>(); // troubled gates with work, over the share; guarded by this
    private final TroubledGates troubled; // guarded by this
    private final Map<MailServerTarget, Entry> pending = new HashMap<>(); // queued or active; guarded by this
    private final Map<String, DomainBudget> budgets = new HashMap<>(); // guarded by this
    private String budgetRound; // guarded by this
    private int active; // guarded by this
    private long queued; // guarded by this

    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong probed = new AtomicLong();
    private final AtomicLong shared = new AtomicLong();
    private final AtomicLong reused = new AtomicLong();
    private final AtomicLong leftOut = new AtomicLong();
    private final AtomicLong publishFailures = new AtomicLong();
    private final MeterProvider<Counter> probesByConnect;
    private final Counter sharedMeter;
    private final Counter reusedMeter;
    private final Counter lostMeter;

    /** One pair's place in the stage, from its first task until its result is published. */
    static final class Entry {
        final String scanId;
        final MailServerTarget target;
        final InetAddress gate;
        final CompletableFuture<ConnectStatus> done = new CompletableFuture<>();
        /** Completes when every domain that asked for this pair has spent its budget. */
        final CompletableFuture<String> giveUp = new CompletableFuture<>();
        // guarded by the stage
        final List<DomainBudget> budgets = new ArrayList<>(1);
        boolean unbounded;
        boolean started;
        boolean troubledSlot;

        Entry(String scanId, MailServerTarget target) {
            this.scanId = scanId;
            this.target = target;
            this.gate = GateKey.of(target.ip());
        }
    }

    public MailServerStage(Probe prober, Consumer<MailServerResult> publish, int maxActive, int perIp) {
        this(prober, publish, maxActive, perIp, Clock.systemUTC(), Metrics.none());
    }

    /**
     * Also counts probes by outcome and shared tasks, and gauges active and queued probes, into
     * {@code metrics}; {@code clock} dates the rows of tasks that name no probeable server. No
     * time budget.
     */
    public MailServerStage(Probe prober, Consumer<MailServerResult> publish, int maxActive, int perIp, Clock clock,
            Metrics metrics) {
        this(prober, publish, maxActive, perIp, clock, metrics, null, null);
    }

    /**
     * With each domain's pairs bounded to {@code budgetTime} after the first starts, timed by
     * {@code scheduler}; both null: no time budget.
     */
    public MailServerStage(Probe prober, Consumer<MailServerResult> publish, int maxActive, int perIp, Clock clock,
            Metrics metrics, Duration budgetTime, Scheduler scheduler) {
        if (maxActive < 1 || perIp < 1) {
            throw new IllegalArgumentException("maxActive and perIp must be at least 1");
        }
        this.prober = prober;
        this.publish = publish;
        this.maxActive = maxActive;
        this.perIp = perIp;
        this.clock = clock;
        this.budgetTime = budgetTime;
        this.scheduler = scheduler;
        this.troubled = TroubledGates.shareOf(maxActive);
        this.probesByConnect = metrics.counters(MeterNames.SMTP_PROBES);
        this.sharedMeter = metrics.counter(MeterNames.SMTP_PROBES_SHARED);
        this.reusedMeter = metrics.counter(MeterNames.SMTP_PROBES_REUSED);
        this.lostMeter = metrics.counter(MeterNames.ERRORS, "kind", "result_lost");
        // read at scrape time only; one stage per process (a second one's gauges are ignored)
        metrics.gauge(MeterNames.SMTP_PROBES_ACTIVE, this, MailServerStage::active);
        metrics.gauge(MeterNames.SMTP_PROBES_QUEUED, this, MailServerStage::queued);
    }

    /**
     * Queues the task unless its pair is already probed (or queued) in this round. Never blocks.
     * The stage completes once the pair's result is published (by this task's probe or by the one
     * it shares): the moment a Kafka consumer may acknowledge the task. It fails with
     * {@link NotStartedException} if the pair's probe was cancelled before it started
     * ({@link #cancelQueued}): then there is no result, and the task must not be acknowledged.
     */
    public CompletionStage<Void> submit(MxProbeTask task) {
        submitted.incrementAndGet();
        MailServerTarget target;
        try {
            target = MailServerTarget.of(task);
        } catch (IllegalArgumentException e) {
            // not probeable: an error row, published once per task
            publishSafely(MailServerResults.notProbed(task.getScanId(), task.getHost(), task.getIp(), task.getPort(),
                    clock.instant(), ConnectStatus.error, "not a mail server target: " + e.getMessage()));
            return CompletableFuture.completedFuture(null);
        }
        round.beginRound(task.getScanId());
        if (task.getNotProbed() != null) {
            return leaveOut(task, target);
        }
        boolean[] first = {false};
        CompletionStage<ConnectStatus> done = round.computeIfAbsent(target, k -> {
            first[0] = true;
            Entry entry = new Entry(task.getScanId(), target);
            enqueue(entry, task.getDomain());
            return entry.done;
        });
        if (!first[0]) {
            shared.incrementAndGet();
            sharedMeter.increment();
            join(target, task);
        }
        return done.handle((status, failure) -> {
            if (failure instanceof NotStartedException || failure != null && failure.getCause() instanceof NotStartedException) {
                throw new NotStartedException();
            }
            return null;
        });
    }

    /**
     * Cancels the queued (not started) probes of the pairs these tasks name: every task waiting
     * for such a pair fails with {@link NotStartedException}, and the pair leaves the round
     * cache, so a later task for it (this partition back, or a restart) probes it. Running probes
     * go on. Returns the tasks of {@code tasks} whose pair was cancelled. For the MX tasks of a
     * Kafka partition that moved to another worker: all tasks of one gate are in one partition.
     */
    public List<MxProbeTask> cancelQueued(Collection<MxProbeTask> tasks) {
        Set<MailServerTarget> targets = new HashSet<>();
        for (MxProbeTask t : tasks) {
            try {
                targets.add(MailServerTarget.of(t));
            } catch (IllegalArgumentException e) {
                // never queued: answered at once
            }
        }
        Set<MailServerTarget> cancelled = new HashSet<>(cancel(targets::contains));
        return tasks.stream().filter(t -> {
            try {
                return cancelled.contains(MailServerTarget.of(t));
            } catch (IllegalArgumentException e) {
                return false;
            }
        }).toList();
    }

    /** Cancels every queued probe (the worker is stopping); running ones go on. Returns how many. */
    public int abandonQueued() {
        return cancel(t -> true).size();
    }

    private List<MailServerTarget> cancel(Predicate<MailServerTarget> which) {
        List<Entry> dropped = new ArrayList<>();
        synchronized (this) {
            for (var it = waiting.entrySet().iterator(); it.hasNext(); ) {
                ArrayDeque<Entry> queue = it.next().getValue();
                queue.removeIf(e -> which.test(e.target) && dropped.add(e));
                if (queue.isEmpty()) {
                    it.remove();
                }
            }
            ready.removeIf(gate -> !waiting.containsKey(gate));
            parked.removeIf(gate -> !waiting.containsKey(gate));
            queued -= dropped.size();
            if (active == 0 && queued == 0) {
                notifyAll();
            }
        }
        for (Entry e : dropped) {
            forget(e);
            round.remove(e.target);
            e.done.completeExceptionally(new NotStartedException());
        }
        return dropped.stream().map(e -> e.target).toList();
    }

    /**
     * A pair the domain's counts left out: stored as not probed, unless this round probes (or
     * probed) it anyway. It claims nothing: a later task of another domain still probes it, and
     * that row, written later, replaces this one in the store.
     */
    private CompletionStage<Void> leaveOut(MxProbeTask task, MailServerTarget target) {
        var existing = round.get(target);
        if (existing.isPresent()) {
            shared.incrementAndGet();
            sharedMeter.increment();
            return existing.get().handle((status, failure) -> null);
        }
        leftOut.incrementAndGet();
        probesByConnect.withTag("connect", "budget").increment();
        publishSafely(MailServerResults.notProbed(task.getScanId(), target, clock.instant(), ConnectStatus.not_checked,
                task.getNotProbed() + (task.getDomain() == null ? "" : " (" + task.getDomain() + ")")));
        return CompletableFuture.completedFuture(null);
    }

    /** Another domain asks for a queued pair: its budget too must be spent before the pair is left out. */
    private synchronized void join(MailServerTarget target, MxProbeTask task) {
        Entry entry = pending.get(target);
        if (entry != null && !entry.started) {
            attach(entry, task.getDomain(), task.getScanId());
        }
    }

    private void enqueue(Entry entry, String domain) {
        List<Entry> start;
        synchronized (this) {
            pending.put(entry.target, entry);
            attach(entry, domain, entry.scanId);
            ArrayDeque<Entry> queue = waiting.computeIfAbsent(entry.gate, k -> new ArrayDeque<>());
            queue.add(entry);
            queued++;
            troubled.beginRound(entry.scanId);
            if (queue.size() == 1 && activePerGate.getOrDefault(entry.gate, 0) < perIp && !parked.contains(entry.gate)) {
                ready.add(entry.gate);
            }
            start = dispatch();
        }
        start.forEach(this::run);
    }

    /** Under the lock: {@code domain}'s budget now covers {@code entry} (none: the entry is unbounded). */
    private void attach(Entry entry, String domain, String scanId) {
        if (budgetTime == null || domain == null || entry.budgets.size() >= MAX_BUDGETS_PER_ENTRY) {
            entry.unbounded = true;
            return;
        }
        if (!scanId.equals(budgetRound)) {
            budgetRound = scanId;
            budgets.clear(); // the previous round's timers find their budget gone and do nothing
        }
        DomainBudget budget = budgets.computeIfAbsent(domain, DomainBudget::new);
        if (budget.spent || entry.budgets.contains(budget)) {
            return; // spent: a late task of a domain whose time is up changes nothing
        }
        budget.entries.add(entry);
        entry.budgets.add(budget);
    }

    /** Takes tasks off the ready gates while there is room; the caller starts them outside the lock. */
    private List<Entry> dispatch() {
        List<Entry> start = new ArrayList<>();
        while (active < maxActive && !ready.isEmpty()) {
            InetAddress gate = ready.poll();
            ArrayDeque<Entry> queue = waiting.get(gate);
            if (queue == null) {
                continue; // emptied by a spent budget
            }
            if (!troubled.mayStart(gate)) {
                parked.add(gate); // back in line when a troubled slot is free
                continue;
            }
            Entry entry = queue.poll();
            if (queue.isEmpty()) {
                waiting.remove(gate);
            }
            queued--;
            active++;
            entry.started = true;
            entry.troubledSlot = troubled.start(gate);
            startBudgets(entry);
            int now = activePerGate.merge(gate, 1, Integer::sum);
            if (now < perIp && waiting.containsKey(gate)) {
                ready.add(gate);
            }
            start.add(entry);
        }
        return start;
    }

    /** Under the lock: the first probe of a domain starts its budget's clock. */
    private void startBudgets(Entry entry) {
        for (DomainBudget budget : entry.budgets) {
            if (budget.deadline == null) {
                budget.deadline = scheduler.now().plus(budgetTime);
                budget.timer = scheduler.runAt(budget.deadline, () -> spend(budget));
            }
        }
    }

    /** A domain's budget ran out: its pairs that have not started are left out. */
    private void spend(DomainBudget budget) {
        List<Entry> cut = new ArrayList<>();
        List<Entry> giveUp = new ArrayList<>();
        synchronized (this) {
            if (budget.spent || budgets.get(budget.domain) != budget) {
                return;
            }
            budget.spent = true;
            for (Entry entry : List.copyOf(budget.entries)) {
                if (entry.unbounded || !entry.budgets.stream().allMatch(b -> b.spent)) {
                    continue;
                }
                if (entry.started) {
                    giveUp.add(entry); // may still wait at its gate
                } else {
                    ArrayDeque<Entry> queue = waiting.get(entry.gate);
                    if (queue != null && queue.remove(entry)) {
                        if (queue.isEmpty()) {
                            waiting.remove(entry.gate);
                        }
                        queued--;
                        cut.add(entry);
                    }
                }
            }
        }
        giveUp.forEach(e -> e.giveUp.complete(spentReason(e)));
        for (Entry entry : cut) {
            leftOut.incrementAndGet();
            probesByConnect.withTag("connect", "budget").increment();
            publishSafely(MailServerResults.notProbed(entry.scanId, entry.target, clock.instant(),
                    ConnectStatus.not_checked, spentReason(entry)));
            entry.done.complete(ConnectStatus.not_checked);
            forget(entry);
        }
        if (!cut.isEmpty()) {
            synchronized (this) {
                if (active == 0 && queued == 0) {
                    notifyAll();
                }
            }
        }
    }

    private String spentReason(Entry entry) {
        synchronized (this) {
            String domain = entry.budgets.isEmpty() ? "?" : entry.budgets.getFirst().domain;
            return MailServerBudget.NOT_PROBED + ": the time budget (" + budgetTime + ") of " + domain
                    + "'s mail servers ran out before this one started";
        }
    }

    /** The entry is done: it no longer counts in its domains' budgets. */
    private synchronized void forget(Entry entry) {
        pending.remove(entry.target, entry);
        for (DomainBudget budget : entry.budgets) {
            budget.entries.remove(entry);
            if (budget.entries.isEmpty() && budget.deadline != null && budgets.get(budget.domain) == budget) {
                budget.timer.cancel();
                budgets.remove(budget.domain);
            }
        }
    }

    private void run(Entry q) {
        probed.incrementAndGet();
        CompletableFuture<MailServerResult> probe;
        try {
            probe = prober.probe(q.scanId, q.target, q.giveUp).toCompletableFuture();
        } catch (RuntimeException e) {
            probe = CompletableFuture.failedFuture(e);
        }
        probe.whenComplete((result, failure) -> {
            try {
                ConnectStatus connect = result != null ? result.getConnect() : ConnectStatus.error;
                probesByConnect.withTag("connect", String.valueOf(connect)).increment();
                if (result != null) {
                    if (result.getAnswerOf() != null) {
                        reused.incrementAndGet();
                        reusedMeter.increment();
                    }
                    publishSafely(result);
                    q.done.complete(result.getConnect());
                } else {
                    log.error("probe of {} {} failed", q.target.host(), q.target.ipText(), failure);
                    q.done.complete(ConnectStatus.error);
                }
            } finally {
                forget(q);
                finished(q, result);
            }
        });
    }

    private void publishSafely(MailServerResult result) {
        try {
            publish.accept(result);
        } catch (RuntimeException e) {
            publishFailures.incrementAndGet();
            lostMeter.increment();
            log.error("could not publish the result of {} {}", result.getHost(), result.getIp(), e);
        }
    }

    private void finished(Entry entry, MailServerResult result) {
        InetAddress gate = entry.gate;
        List<Entry> start;
        synchronized (this) {
            active--;
            int troubledBefore = troubled.active();
            troubled.finish(gate, entry.troubledSlot, result);
            int left = activePerGate.merge(gate, -1, Integer::sum);
            if (left == 0) {
                activePerGate.remove(gate);
            }
            ArrayDeque<Entry> queue = waiting.get(gate);
            // back in line if it has work and was at its limit (otherwise it is in line, or parked)
            if (queue != null && left == perIp - 1 && !parked.contains(gate)) {
                ready.add(gate);
            }
            if (troubled.active() < troubledBefore) {
                unpark();
            }
            start = dispatch();
            if (active == 0 && queued == 0) {
                notifyAll();
            }
        }
        start.forEach(this::run);
    }

    /** Under the lock: a troubled slot is free, so the parked gates go back in line. */
    private void unpark() {
        for (InetAddress gate : parked) {
            if (waiting.containsKey(gate)) {
                ready.add(gate);
            }
        }
        parked.clear();
    }

    /** Slots held now by gates in trouble (timeouts, quarantine), and the most they may hold. */
    public synchronized int troubledActive() {
        return troubled.active();
    }

    /** Waits until every submitted task is probed and published; false on timeout. */
    public synchronized boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (active > 0 || queued > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    public synchronized int active() {
        return active;
    }

    public synchronized long queued() {
        return queued;
    }

    /** Tasks submitted, including those whose pair was already probed or queued. */
    public long submitted() {
        return submitted.get();
    }

    /** Probes run: one per distinct (host, IP) pair per round. */
    public long probed() {
        return probed.get();
    }

    /** Probes answered from another host name's connection to the same address: no connection of their own. */
    public long reused() {
        return reused.get();
    }

    /** Pairs published as not probed because a domain's budget left them out. */
    public long leftOut() {
        return leftOut.get();
    }

    /** Tasks answered by a probe of the same pair in this round. */
    public long shared() {
        return shared.get();
    }

    public long publishFailures() {
        return publishFailures.get();
    }
}
