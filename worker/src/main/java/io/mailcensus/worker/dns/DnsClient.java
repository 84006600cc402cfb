package io.mailcensus.worker.dns;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;

/**
 * Sends queries through long-lived dnsjava resolvers and hands back classified answers.
 * <ul>
 *   <li>The returned futures never complete exceptionally for DNS trouble: a timeout or a
 *       network error becomes a {@link DnsAnswer} with outcome ERROR.</li>
 *   <li>At most {@code maxInFlight} attempts are on the wire ({@link InFlightLimit}).</li>
 *   <li>Only timeouts are retried, each retry going to the next resolver.</li>
 *   <li>Every continuation runs on this client's own executor, never on dnsjava's NIO thread
 *       (a failed future would otherwise run its dependents right there).</li>
 * </ul>
 */
public final class DnsClient implements AutoCloseable {

    private final List<Resolver> resolvers;
    private final int retries;
    private final Duration guard;
    private final InFlightLimit limit;
    private final ExecutorService pool;
    private final Executor executor;
    private final AtomicInteger rotation = new AtomicInteger();

    public DnsClient(List<Resolver> resolvers, DnsSettings settings) {
        if (resolvers.isEmpty()) {
            throw new IllegalArgumentException("at least one resolver is needed");
        }
        this.resolvers = List.copyOf(resolvers);
        this.retries = settings.retries();
        // dnsjava enforces the timeout itself; this guard only catches a resolver that never
        // completes. A truncated UDP answer followed by TCP may take two timeouts.
        this.guard = settings.timeout().multipliedBy(2).plusMillis(500);
        this.pool = Executors.newFixedThreadPool(threads(), daemonThreads());
        this.executor = this::runOnPool;
        this.limit = new InFlightLimit(settings.maxInFlight(), executor);
        for (Resolver resolver : this.resolvers) {
            resolver.setTimeout(settings.timeout());
        }
    }

    /** Completes on this client's executor with the classified answer; never exceptionally for DNS. */
    public CompletableFuture<DnsAnswer> query(Name name, int type) {
        Query query = new Query(name, type);
        return attempt(query, 0, Math.floorMod(rotation.getAndIncrement(), resolvers.size()));
    }

    private CompletableFuture<DnsAnswer> attempt(Query query, int attempt, int first) {
        Resolver resolver = resolvers.get((first + attempt) % resolvers.size());
        return limit.submit(() -> send(resolver, query))
                .thenCompose(answer -> answer.isTimeout() && attempt < retries
                        ? attempt(query, attempt + 1, first)
                        : CompletableFuture.completedFuture(answer));
    }

    private CompletableFuture<DnsAnswer> send(Resolver resolver, Query query) {
        // A fresh message per attempt: a retry must not reuse the id of a lost exchange.
        Message message = Message.newQuery(Record.newRecord(query.name(), query.type(), DClass.IN));
        CompletableFuture<Message> sent;
        try {
            sent = resolver.sendAsync(message, executor).toCompletableFuture().copy();
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.orTimeout(guard.toMillis(), TimeUnit.MILLISECONDS)
                .handleAsync((response, failure) -> failure == null
                        ? AnswerReader.read(query, response)
                        : DnsAnswer.failed(query, FailureClassifier.kindOf(failure),
                                FailureClassifier.detail(failure)), executor);
    }

    /** Attempts on the wire now; for metrics and tests. */
    public int inFlight() {
        return limit.running();
    }

    /**
     * After close, the pool refuses work; a rejection thrown from an async continuation would
     * surface in whichever thread completed the future (dnsjava's selector). The few answers
     * still arriving then are classified inline instead: tiny tasks, and nothing hangs.
     */
    private void runOnPool(Runnable task) {
        try {
            pool.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static int threads() {
        // Continuations only parse and classify; a couple of threads keep up with a resolver.
        return Math.clamp(Runtime.getRuntime().availableProcessors(), 2, 8);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "mailcensus-dns-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
