package io.mailcensus.worker.loop;

import io.mailcensus.core.metrics.MeterNames;
import io.mailcensus.core.metrics.Metrics;
import io.mailcensus.core.port.ResultSink;
import io.mailcensus.core.port.WorkSource;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.DomainStatus;
import io.mailcensus.schemas.ErrorKind;
import io.mailcensus.schemas.QueryError;
import io.mailcensus.schemas.ScanTask;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter.MeterProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker loop: take tasks, probe up to {@code concurrency} domains at once, publish each
 * result, acknowledge. Probes are asynchronous, so one thread keeps thousands of domains in
 * flight; the semaphore is the "in-flight domains" bound of {@code --concurrency}.
 * A probe that throws is a bug, not a measurement: its domain is recorded as {@code error}
 * with the exception's message, so a bad record never takes the round down.
 */
public final class ScanWorker {

    private static final Logger log = LoggerFactory.getLogger(ScanWorker.class);

    private final WorkSource source;
    private final DomainProbe probe;
    private final ResultSink sink;
    private final Semaphore inFlight;
    private final int concurrency;
    private final Clock clock;
    private final ScanCounters counters;
    private final MeterProvider<Counter> probedByStatus;
    private final Counter lostResults;
    private volatile boolean stopping;
    private volatile Duration drainLimit;
    private volatile BooleanSupplier holdBack = () -> false;

    public ScanWorker(WorkSource source, DomainProbe probe, ResultSink sink, int concurrency, Clock clock,
            ScanCounters counters) {
        this(source, probe, sink, concurrency, clock, counters, Metrics.none());
    }

    /** Also counts domains probed by status, and results lost, into {@code metrics}. */
    public ScanWorker(WorkSource source, DomainProbe probe, ResultSink sink, int concurrency, Clock clock,
            ScanCounters counters, Metrics metrics) {
        this.probedByStatus = metrics.counters(MeterNames.DOMAINS_PROBED);
        this.lostResults = metrics.counter(MeterNames.ERRORS, "kind", "result_lost");
        this.source = source;
        this.probe = probe;
        this.sink = sink;
        this.concurrency = concurrency;
        this.inFlight = new Semaphore(concurrency);
        this.clock = clock;
        this.counters = counters;
    }

    /**
     * Takes no new task while {@code full} says so: on one machine, while the web stage holds
     * {@code --https-backlog} domains (each a finished DNS result in memory) waiting at busy web
     * hosts. A cluster worker needs none: its web tasks wait in Kafka.
     */
    public ScanWorker holdBackWhile(BooleanSupplier full) {
        this.holdBack = full;
        return this;
    }

    /**
     * Runs until the source is exhausted (or {@link #stop()}), then waits for the probes in
     * flight: all of them, or as long as {@link #stop(Duration)} allowed.
     */
    public void run() throws InterruptedException {
        while (!stopping && !source.exhausted()) {
            if (holdBack.getAsBoolean()) {
                Thread.sleep(20);
                continue;
            }
            int free = Math.max(1, inFlight.availablePermits());
            List<ScanTask> tasks = source.poll(free, Duration.ofMillis(200));
            for (ScanTask task : tasks) {
                inFlight.acquire();
                start(task);
            }
        }
        Duration limit = drainLimit;
        if (limit == null) {
            inFlight.acquire(concurrency);
            inFlight.release(concurrency);
        } else if (inFlight.tryAcquire(concurrency, limit.toNanos(), TimeUnit.NANOSECONDS)) {
            inFlight.release(concurrency);
        } else {
            log.info("stopping: {} probe(s) still running after {} s are given up unacknowledged",
                    concurrency - inFlight.availablePermits(), limit.toSeconds());
        }
    }

    /**
     * As {@link #stop()}, and {@link #run()} waits at most {@code drain} for the probes that
     * started: those still running then are left unacknowledged (a Kafka source hands them to
     * the next owner of their partition). For a process that must stop in bounded time (SIGTERM).
     */
    public int stop(Duration drain) {
        drainLimit = drain;
        return stop();
    }

    /**
     * Cancels those of {@code held} that have not started (waiting for a DNS slot): they get no
     * result and are never acknowledged. Returns them; the others go on. For tasks whose Kafka
     * partition moved to another worker, which probes them instead.
     */
    public List<ScanTask> cancelNotStarted(Collection<ScanTask> held) {
        Set<ScanTask> candidates = Collections.newSetFromMap(new IdentityHashMap<>());
        candidates.addAll(held);
        List<ScanTask> cancelled = Collections.synchronizedList(new ArrayList<>());
        probe.abandonNotStarted(t -> candidates.contains(t) && cancelled.add(t));
        return List.copyOf(cancelled);
    }

    /**
     * Stops taking new tasks; probes that started finish and are published, tasks taken but not
     * started are given up unpublished and unacknowledged. Returns how many were given up.
     */
    public int stop() {
        stopping = true;
        int notStarted = probe.abandonNotStarted();
        source.wakeup(); // a poll waiting in Kafka returns now
        return notStarted;
    }

    private void start(ScanTask task) {
        counters.started.incrementAndGet();
        try {
            probe.probe(task).whenComplete((result, failure) -> finish(task, result, failure));
        } catch (RuntimeException e) {
            finish(task, null, e);
        }
    }

    private void finish(ScanTask task, DomainResult result, Throwable failure) {
        try {
            if (notStarted(failure)) {
                counters.notStarted.incrementAndGet(); // no result: a resumed scan probes it
                return;
            }
            if (failure != null) {
                log.warn("probe of {} failed: {}", task.getDomain(), failure.toString());
                result = failed(task, failure);
            }
            sink.publish(result);
            source.acknowledge(List.of(task));
            counters.count(result);
            probedByStatus.withTag("status", result.getStatus().name()).increment();
        } catch (RuntimeException e) {
            log.error("could not publish the result of {}", task.getDomain(), e);
            counters.lost.incrementAndGet();
            lostResults.increment();
        } finally {
            inFlight.release();
        }
    }

    private static boolean notStarted(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof NotStartedException;
    }

    private DomainResult failed(ScanTask task, Throwable failure) {
        var now = clock.instant();
        DomainResult r = DomainResult.newBuilder()
                .setScanId(task.getScanId())
                .setDomain(task.getDomain())
                .setDomainUnicode(task.getDomainUnicode())
                .setStatus(DomainStatus.error)
                .setStartedAt(now)
                .setFinishedAt(now)
                .setErrors(List.of(QueryError.newBuilder()
                        .setQname(task.getDomain())
                        .setQtype("*")
                        .setKind(ErrorKind.other)
                        .setDetail("probe failed: " + failure)
                        .build()))
                .build();
        return r;
    }
}
