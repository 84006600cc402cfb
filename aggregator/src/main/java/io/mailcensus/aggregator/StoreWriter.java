package io.mailcensus.aggregator;

import io.mailcensus.aggregator.round.RoundBook;
import io.mailcensus.core.metrics.MeterNames;
import io.mailcensus.core.metrics.Metrics;
import io.mailcensus.core.port.ResultSink;
import io.mailcensus.core.port.ResultStore;
import io.mailcensus.core.port.RoundEvent;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.MailServerResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregator: takes results from workers and writes them to the store in large batches
 * on one thread, because the engine's insert cost is per statement, not per row. A store that
 * fails is retried with backoff: results wait (and workers block on the bounded buffer) but
 * are never dropped. Re-delivered results are harmless: the tables deduplicate by key.
 *
 * <p>The coordinator's {@link RoundEvent}s go through the same queue, after the results read
 * before them, into the {@link RoundBook}, which also counts every few seconds what the open
 * rounds have in the store and marks the complete ones finished.
 */
public final class StoreWriter implements ResultSink {

    private static final Logger log = LoggerFactory.getLogger(StoreWriter.class);

    private final ResultStore store;
    private final int batchSize;
    private final Duration maxDelay;
    private final BlockingQueue<Object> buffer;
    private final Thread thread;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong storeFailures = new AtomicLong();
    private final Object progress = new Object();
    private final Counter domainRows;
    private final Counter serverRows;
    private final Counter retries;
    private final Timer batchWrite;
    private final RoundBook rounds;
    private final long roundRefreshNanos;
    private long lastRoundRefresh;
    private volatile boolean closing;

    public StoreWriter(ResultStore store, int batchSize, Duration maxDelay) {
        this(store, batchSize, maxDelay, Metrics.none());
    }

    /** Counts rows written per table, retries and batch write time into {@code metrics}. */
    public StoreWriter(ResultStore store, int batchSize, Duration maxDelay, Metrics metrics) {
        this.domainRows = metrics.counter(MeterNames.STORE_ROWS_WRITTEN, "table", "domain_results");
        this.serverRows = metrics.counter(MeterNames.STORE_ROWS_WRITTEN, "table", "mail_server_results");
        this.retries = metrics.counter(MeterNames.STORE_WRITE_RETRIES);
        this.batchWrite = metrics.timer(MeterNames.STORE_WRITE);
        this.store = store;
        this.rounds = new RoundBook(store, Clock.systemUTC(), metrics);
        this.roundRefreshNanos = Duration.ofSeconds(2).toNanos();
        this.lastRoundRefresh = System.nanoTime() - roundRefreshNanos;
        this.batchSize = batchSize;
        this.maxDelay = maxDelay;
        this.buffer = new ArrayBlockingQueue<>(batchSize * 2);
        this.thread = Thread.ofPlatform().name("store-writer").daemon(true).start(this::run);
    }

    @Override
    public void publish(DomainResult result) {
        put(result);
    }

    @Override
    public void publish(MailServerResult result) {
        put(result);
    }

    @Override
    public void publish(RoundEvent event) {
        put(event);
    }

    private void put(Object result) {
        if (closing) {
            throw new IllegalStateException("store writer is closed");
        }
        try {
            buffer.put(result);
            published.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the store was behind", e);
        }
    }

    /** Blocks until every result published so far is in the store. */
    @Override
    public void flush() {
        long target = published.get();
        synchronized (progress) {
            while (written.get() < target && thread.isAlive()) {
                try {
                    progress.wait(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public boolean flushed(Duration wait) {
        long target = published.get();
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (progress) {
            while (written.get() < target && thread.isAlive()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    progress.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return written.get() >= target;
    }

    @Override
    public void close() {
        flush();
        closing = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Rows in the store so far. */
    public long written() {
        return written.get();
    }

    /** Failed store writes that were retried. */
    public long storeFailures() {
        return storeFailures.get();
    }

    private void run() {
        List<DomainResult> domains = new ArrayList<>();
        List<MailServerResult> servers = new ArrayList<>();
        List<RoundEvent> events = new ArrayList<>();
        while (!(closing && buffer.isEmpty())) {
            try {
                long deadline = System.nanoTime() + maxDelay.toNanos();
                while (domains.size() + servers.size() < batchSize) {
                    long left = deadline - System.nanoTime();
                    Object next = left > 0 ? buffer.poll(left, TimeUnit.NANOSECONDS) : buffer.poll();
                    if (next == null) {
                        break;
                    }
                    switch (next) {
                        case DomainResult d -> domains.add(d);
                        case MailServerResult m -> servers.add(m);
                        case RoundEvent e -> events.add(e);
                        default -> throw new IllegalStateException("unexpected " + next.getClass());
                    }
                }
            } catch (InterruptedException e) {
                // close() interrupts a waiting poll; the loop condition decides whether to stop
            }
            if (!domains.isEmpty() || !servers.isEmpty() || !events.isEmpty()) {
                writeWithRetry(domains, servers, events);
            }
            refreshRounds();
        }
    }

    /** Every few seconds: the open rounds' counts; a store that fails now is asked again next time. */
    private void refreshRounds() {
        if (System.nanoTime() - lastRoundRefresh < roundRefreshNanos) {
            return;
        }
        lastRoundRefresh = System.nanoTime();
        try {
            rounds.refresh();
        } catch (RuntimeException e) {
            log.warn("counting the open rounds failed, trying again later: {}", e.getMessage());
        }
    }

    private void writeWithRetry(List<DomainResult> domains, List<MailServerResult> servers, List<RoundEvent> events) {
        long backoffMs = 100;
        long startedAt = System.nanoTime();
        while (true) {
            try {
                if (!domains.isEmpty()) {
                    store.insertDomainResults(domains);
                }
                if (!servers.isEmpty()) {
                    store.insertMailServerResults(servers);
                }
                events.forEach(rounds::apply); // after the results read before them; idempotent if retried
                break;
            } catch (RuntimeException e) {
                storeFailures.incrementAndGet();
                retries.increment();
                log.warn("store write of {} rows failed, retrying in {} ms: {}",
                        domains.size() + servers.size(), backoffMs, e.getMessage());
                try {
                    Thread.sleep(backoffMs);
                } catch (InterruptedException ie) {
                    if (closing) {
                        log.error("closing with {} unwritten rows and {} round events", domains.size() + servers.size(),
                                events.size());
                        return;
                    }
                }
                backoffMs = Math.min(backoffMs * 2, 30_000);
            }
        }
        batchWrite.record(System.nanoTime() - startedAt, TimeUnit.NANOSECONDS);
        domainRows.increment(domains.size());
        serverRows.increment(servers.size());
        synchronized (progress) {
            written.addAndGet(domains.size() + servers.size() + events.size());
            progress.notifyAll();
        }
        domains.clear();
        servers.clear();
        events.clear();
    }
}
