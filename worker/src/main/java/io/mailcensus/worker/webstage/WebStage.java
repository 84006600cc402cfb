package io.mailcensus.worker.webstage;

import io.mailcensus.core.metrics.MeterNames;
import io.mailcensus.core.metrics.Metrics;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.WebProbeTask;
import io.mailcensus.worker.https.AddressResolver.Resolution;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs web probe tasks and publishes each domain's row again with its web checks filled in.
 *
 * <p>Scheduling is per web address, as {@code MailServerStage}'s is per mail server: tasks wait
 * in their address's queue, at most {@code perAddress} of one address's tasks are active at once
 * (the HTTPS gate's connection ceiling: more could only wait at the gate), and at most
 * {@code maxActive} in all ({@code --https-backlog}). A busy or backed-off web host keeps its own
 * domains waiting, never the others'. Tasks without an address (nothing to connect to) are keyed
 * by domain.
 *
 * <p>The published row's {@code finished_at} is later than the DNS row's, so it replaces that row
 * in the store (ReplacingMergeTree(finished_at)); see the package comment.
 */
public final class WebStage {

    private static final Logger log = LoggerFactory.getLogger(WebStage.class);

    private final Function<DomainResult, CompletionStage<DomainResult>> enrich;
    private final KnownAddresses known;
    private final Consumer<DomainResult> publish;
    private final Consumer<String> beginRound;
    private final int maxActive;
    private final int perAddress;
    private final Clock clock;

    private final Map<String, ArrayDeque<Queued>> waiting = new HashMap<>(); // guarded by this
    private final Map<String, Integer> activePerKey = new HashMap<>(); // guarded by this
    private final ArrayDeque<String> ready = new ArrayDeque<>(); // keys with work and room; guarded by this
    private int active; // guarded by this
    private long queued; // guarded by this

    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong publishFailures = new AtomicLong();

    private record Queued(String key, WebProbeTask task, CompletableFuture<Void> done) {}

    /**
     * @param enrich the domain's web probes ({@code WebProbes::enrich}): fills the web checks in place
     * @param known where the task's pre-resolved addresses are put for the probe to find
     * @param beginRound called with each task's scan id (a new round lifts the gates' quarantines)
     */
    public WebStage(Function<DomainResult, CompletionStage<DomainResult>> enrich, KnownAddresses known,
            Consumer<DomainResult> publish, Consumer<String> beginRound, int maxActive, int perAddress, Clock clock) {
        this(enrich, known, publish, beginRound, maxActive, perAddress, clock, Metrics.none());
    }

    /** Also gauges active and queued tasks into {@code metrics} (one stage per process). */
    public WebStage(Function<DomainResult, CompletionStage<DomainResult>> enrich, KnownAddresses known,
            Consumer<DomainResult> publish, Consumer<String> beginRound, int maxActive, int perAddress, Clock clock,
            Metrics metrics) {
        if (maxActive < 1 || perAddress < 1) {
            throw new IllegalArgumentException("maxActive and perAddress must be at least 1");
        }
        this.enrich = enrich;
        this.known = known;
        this.publish = publish;
        this.beginRound = beginRound;
        this.maxActive = maxActive;
        this.perAddress = perAddress;
        this.clock = clock;
        metrics.gauge(MeterNames.WEB_TASKS_ACTIVE, this, WebStage::active);
        metrics.gauge(MeterNames.WEB_TASKS_QUEUED, this, WebStage::queued);
    }

    /** Queues the task; never blocks. Completes once the domain's web row is published (or given up). */
    public CompletionStage<Void> submit(WebProbeTask task) {
        submitted.incrementAndGet();
        beginRound.accept(task.getScanId());
        String key = key(task);
        Queued q = new Queued(key, task, new CompletableFuture<>());
        List<Queued> start;
        synchronized (this) {
            ArrayDeque<Queued> queue = waiting.computeIfAbsent(key, k -> new ArrayDeque<>());
            queue.add(q);
            queued++;
            if (queue.size() == 1 && activePerKey.getOrDefault(key, 0) < perAddress) {
                ready.add(key);
            }
            start = dispatch();
        }
        start.forEach(this::run);
        return q.done();
    }

    /** The task's web address, or its domain when it has none: the key it is queued (and partitioned) by. */
    public static String key(WebProbeTask task) {
        return task.getWebIp().isEmpty() ? "domain:" + task.getDnsResult().getDomain() : task.getWebIp();
    }

    private List<Queued> dispatch() {
        List<Queued> start = new ArrayList<>();
        while (active < maxActive && !ready.isEmpty()) {
            String key = ready.poll();
            ArrayDeque<Queued> queue = waiting.get(key);
            Queued q = queue.poll();
            if (queue.isEmpty()) {
                waiting.remove(key);
            }
            queued--;
            active++;
            int now = activePerKey.merge(key, 1, Integer::sum);
            if (now < perAddress && waiting.containsKey(key)) {
                ready.add(key);
            }
            start.add(q);
        }
        return start;
    }

    private void run(Queued q) {
        DomainResult dns = q.task().getDnsResult();
        Optional<Resolution> resolution = WebRouter.resolution(q.task());
        resolution.ifPresent(r -> known.put(dns.getDomain(), r));
        Instant dnsFinished = dns.getFinishedAt();
        CompletableFuture<DomainResult> probe;
        try {
            probe = enrich.apply(dns).toCompletableFuture();
        } catch (RuntimeException e) {
            probe = CompletableFuture.failedFuture(e);
        }
        probe.whenComplete((result, failure) -> {
            try {
                resolution.ifPresent(r -> known.forget(dns.getDomain(), r));
                if (result != null) {
                    result.setFinishedAt(later(clock.instant(), dnsFinished));
                    publishSafely(result);
                } else {
                    // a bug: the DNS row stays, its web checks not_checked (unknown, never "no")
                    log.error("web probes of {} failed", dns.getDomain(), failure);
                }
            } finally {
                finished(q.key());
                q.done().complete(null);
            }
        });
    }

    /** At least a millisecond after the DNS row (the store keeps times in ms): this row must win. */
    static Instant later(Instant now, Instant dnsFinished) {
        Instant floor = dnsFinished.plusMillis(1);
        return now.isAfter(floor) ? now : floor;
    }

    private void publishSafely(DomainResult result) {
        try {
            publish.accept(result);
            published.incrementAndGet();
        } catch (RuntimeException e) {
            publishFailures.incrementAndGet();
            log.error("could not publish the web result of {}", result.getDomain(), e);
        }
    }

    private void finished(String key) {
        List<Queued> start;
        synchronized (this) {
            active--;
            int left = activePerKey.merge(key, -1, Integer::sum);
            if (left == 0) {
                activePerKey.remove(key);
            }
            if (waiting.containsKey(key) && left == perAddress - 1) {
                ready.add(key);
            }
            start = dispatch();
            if (active == 0 && queued == 0) {
                notifyAll();
            }
        }
        start.forEach(this::run);
    }

    /** Waits until every submitted task is done and published; false on timeout. */
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

    public long submitted() {
        return submitted.get();
    }

    /** Domain rows published with their web checks. */
    public long published() {
        return published.get();
    }

    public long publishFailures() {
        return publishFailures.get();
    }
}
