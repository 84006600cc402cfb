package io.mailcensus.worker.mailserver;

import io.mailcensus.core.metrics.MeterNames;
import io.mailcensus.core.metrics.Metrics;
import io.mailcensus.schemas.ConnectStatus;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.schemas.MxProbeTask;
import io.mailcensus.worker.loop.NotStartedException;
import io.mailcensus.worker.politeness.RoundCache;
import io.mailcensus.worker.smtp.MailServerResults;
import io.mailcensus.worker.smtp.MailServerTarget;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter.MeterProvider;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
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
 * <p>Scheduling is per IP, as a polite crawler's frontier is per host: tasks wait in their IP's
 * queue, and at most {@code perIp} of an IP's tasks are active at once (the gate's connection
 * limit), so a mail server behind thousands of host names waits its turn without holding up the
 * others. At most {@code maxActive} tasks are active in all (file descriptors, memory); an active
 * task may still wait at its IP's gate for the rate limit, which is short next to a whole round.
 *
 * <p>Memory per round: one small entry per distinct pair (the round cache), plus the queued tasks.
 */
public final class MailServerStage {

    private static final Logger log = LoggerFactory.getLogger(MailServerStage.class);

    /** Probes one pair: {@code MailServerProber::probe}, or a fake in unit tests. */
    @FunctionalInterface
    public interface Probe {
        CompletionStage<MailServerResult> probe(String scanId, MailServerTarget target);
    }

    private final Probe prober;
    private final Consumer<MailServerResult> publish;
    private final int maxActive;
    private final int perIp;
    private final Clock clock;
    private final RoundCache<MailServerTarget, ConnectStatus> round = new RoundCache<>();

    // keyed as the politeness gates are: one queue per address the gates admit to
    private final Map<InetAddress, ArrayDeque<Queued>> waiting = new HashMap<>(); // guarded by this
    private final Map<InetAddress, Integer> activePerIp = new HashMap<>(); // guarded by this
    private final ArrayDeque<InetAddress> ready = new ArrayDeque<>(); // IPs with work and room; guarded by this
    private int active; // guarded by this
    private long queued; // guarded by this

    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong probed = new AtomicLong();
    private final AtomicLong shared = new AtomicLong();
    private final AtomicLong publishFailures = new AtomicLong();
    private final MeterProvider<Counter> probesByConnect;
    private final Counter sharedMeter;
    private final Counter lostMeter;

    private record Queued(String scanId, MailServerTarget target, CompletableFuture<ConnectStatus> done) {}

    public MailServerStage(Probe prober, Consumer<MailServerResult> publish, int maxActive, int perIp) {
        this(prober, publish, maxActive, perIp, Clock.systemUTC(), Metrics.none());
    }

    /**
     * Also counts probes by outcome and shared tasks, and gauges active and queued probes, into
     * {@code metrics}; {@code clock} dates the rows of tasks that name no probeable server.
     */
    public MailServerStage(Probe prober, Consumer<MailServerResult> publish, int maxActive, int perIp, Clock clock,
            Metrics metrics) {
        if (maxActive < 1 || perIp < 1) {
            throw new IllegalArgumentException("maxActive and perIp must be at least 1");
        }
        this.prober = prober;
        this.publish = publish;
        this.maxActive = maxActive;
        this.perIp = perIp;
        this.clock = clock;
        this.probesByConnect = metrics.counters(MeterNames.SMTP_PROBES);
        this.sharedMeter = metrics.counter(MeterNames.SMTP_PROBES_SHARED);
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
        boolean[] first = {false};
        CompletionStage<ConnectStatus> done = round.computeIfAbsent(target, k -> {
            first[0] = true;
            CompletableFuture<ConnectStatus> probed = new CompletableFuture<>();
            enqueue(new Queued(task.getScanId(), target, probed));
            return probed;
        });
        if (!first[0]) {
            shared.incrementAndGet();
            sharedMeter.increment();
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
     * Kafka partition that moved to another worker: all tasks of one IP are in one partition.
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
        List<Queued> dropped = new ArrayList<>();
        synchronized (this) {
            for (var it = waiting.entrySet().iterator(); it.hasNext(); ) {
                ArrayDeque<Queued> queue = it.next().getValue();
                queue.removeIf(q -> which.test(q.target()) && dropped.add(q));
                if (queue.isEmpty()) {
                    it.remove();
                }
            }
            ready.removeIf(ip -> !waiting.containsKey(ip));
            queued -= dropped.size();
            if (active == 0 && queued == 0) {
                notifyAll();
            }
        }
        for (Queued q : dropped) {
            round.remove(q.target());
            q.done().completeExceptionally(new NotStartedException());
        }
        return dropped.stream().map(Queued::target).toList();
    }

    private void enqueue(Queued q) {
        List<Queued> start;
        synchronized (this) {
            InetAddress ip = q.target().ip();
            ArrayDeque<Queued> queue = waiting.computeIfAbsent(ip, k -> new ArrayDeque<>());
            queue.add(q);
            queued++;
            if (queue.size() == 1 && activePerIp.getOrDefault(ip, 0) < perIp) {
                ready.add(ip);
            }
            start = dispatch();
        }
        start.forEach(this::run);
    }

    /** Takes tasks off the ready IPs while there is room; the caller starts them outside the lock. */
    private List<Queued> dispatch() {
        List<Queued> start = new ArrayList<>();
        while (active < maxActive && !ready.isEmpty()) {
            InetAddress ip = ready.poll();
            ArrayDeque<Queued> queue = waiting.get(ip);
            Queued q = queue.poll();
            if (queue.isEmpty()) {
                waiting.remove(ip);
            }
            queued--;
            active++;
            int now = activePerIp.merge(ip, 1, Integer::sum);
            if (now < perIp && waiting.containsKey(ip)) {
                ready.add(ip);
            }
            start.add(q);
        }
        return start;
    }

    private void run(Queued q) {
        probed.incrementAndGet();
        CompletableFuture<MailServerResult> probe;
        try {
            probe = prober.probe(q.scanId(), q.target()).toCompletableFuture();
        } catch (RuntimeException e) {
            probe = CompletableFuture.failedFuture(e);
        }
        probe.whenComplete((result, failure) -> {
            try {
                ConnectStatus connect = result != null ? result.getConnect() : ConnectStatus.error;
                probesByConnect.withTag("connect", String.valueOf(connect)).increment();
                if (result != null) {
                    publishSafely(result);
                    q.done().complete(result.getConnect());
                } else {
                    log.error("probe of {} {} failed", q.target().host(), q.target().ipText(), failure);
                    q.done().complete(ConnectStatus.error);
                }
            } finally {
                finished(q.target().ip());
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

    private void finished(InetAddress ip) {
        List<Queued> start;
        synchronized (this) {
            active--;
            int left = activePerIp.merge(ip, -1, Integer::sum);
            if (left == 0) {
                activePerIp.remove(ip);
            }
            ArrayDeque<Queued> queue = waiting.get(ip);
            // back in line if it has work and was at its limit (otherwise it is in line already)
            if (queue != null && left == perIp - 1) {
                ready.add(ip);
            }
            start = dispatch();
            if (active == 0 && queued == 0) {
                notifyAll();
            }
        }
        start.forEach(this::run);
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

    /** Tasks answered by a probe of the same pair in this round. */
    public long shared() {
        return shared.get();
    }

    public long publishFailures() {
        return publishFailures.get();
    }
}
