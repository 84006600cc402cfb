package io.mailcensus.worker.dns.client;

import io.mailcensus.schemas.ErrorKind;
import io.mailcensus.worker.dns.dnssec.DnssecMode;
import io.mailcensus.worker.dns.dnssec.EcdsaVerifyProvider;
import io.mailcensus.worker.dns.dnssec.TldAnchoredValidator;
import io.mailcensus.worker.dns.dnssec.TrustAnchor;
import io.mailcensus.worker.dns.dnssec.VerdictAnswer;
import java.time.Clock;
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
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;

/**
 * Sends queries through long-lived dnsjava resolvers and hands back classified answers.
 * <ul>
 *   <li>The returned futures never complete exceptionally for DNS trouble: a timeout or a
 *       network error becomes a {@link DnsAnswer} with outcome ERROR.</li>
 *   <li>At most {@code maxInFlight} attempts are on the wire ({@link InFlightLimit}).</li>
 *   <li>Only timeouts (and stray answers, {@link DnsAnswer#isRetryable}) are retried, each retry going to the next resolver.</li>
 *   <li>Every continuation runs on this client's own executor, never on dnsjava's NIO thread
 *       (a failed future would otherwise run its dependents right there).</li>
 *   <li>When DNSSEC is judged (mode validate or trust-ad), check queries carry the CD bit, so a
 *       bogus zone's records are measured; {@link #verdict} asks for the judgement itself.</li>
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
    private final DnssecMode dnssec;
    private final TrustAnchor trustAnchor;
    /** One validator per resolver, in the same order; empty unless the mode is VALIDATE. */
    private final List<TldAnchoredValidator> validators;
    /** A validation walks the chain of trust: several round trips before the first keys are cached. */
    private final Duration verdictGuard;
    private final QueryTally tally = new QueryTally();

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
        this.dnssec = settings.dnssec();
        this.trustAnchor = settings.trustAnchor();
        if (dnssec == DnssecMode.VALIDATE) {
            EcdsaVerifyProvider.install(); // 5x faster than the JDK's ECDSA verification
        }
        this.validators = dnssec == DnssecMode.VALIDATE
                ? this.resolvers.stream()
                        .map(r -> new TldAnchoredValidator(ownHead(r, settings.timeout()), trustAnchor, Clock.systemUTC()))
                        .toList()
                : List.of();
        this.verdictGuard = settings.timeout().multipliedBy(8).plusMillis(500);
    }

    /**
     * ValidatingResolver turns on EDNS with DO in its head resolver; check queries must not grow
     * RRSIGs, so a validator gets its own SimpleResolver to the same address. Other resolvers
     * (test doubles) are shared.
     */
    private static Resolver ownHead(Resolver resolver, Duration timeout) {
        if (resolver instanceof SimpleResolver simple) {
            SimpleResolver head = new SimpleResolver(simple.getAddress());
            head.setIoClientFactory(simple.getIoClientFactory());
            head.setTimeout(timeout);
            return head;
        }
        return resolver;
    }

    public DnssecMode dnssecMode() {
        return dnssec;
    }

    public TrustAnchor trustAnchor() {
        return trustAnchor;
    }

    /**
     * The query whose DNSSEC status decides the domain's verdict: sent through the validator (mode
     * validate) or to the resolver with AD set and CD clear (mode trust-ad). Never exceptional;
     * in mode off it completes with a failure.
     */
    public CompletableFuture<VerdictAnswer> verdict(Name name, int type) {
        Query query = new Query(name, type);
        if (dnssec == DnssecMode.OFF) {
            return CompletableFuture.completedFuture(VerdictAnswer.failed(
                    DnsAnswer.failed(query, ErrorKind.other, "DNSSEC off").error()));
        }
        int first = Math.floorMod(rotation.getAndIncrement(), resolvers.size());
        return verdictAttempt(query, 0, first);
    }

    private CompletableFuture<VerdictAnswer> verdictAttempt(Query query, int attempt, int first) {
        int index = (first + attempt) % resolvers.size();
        return limit.submit(() -> sendVerdict(index, query))
                .thenCompose(answer -> answer.failure() != null && answer.failure().getKind() == ErrorKind.timeout
                        && attempt < retries
                        ? verdictAttempt(query, attempt + 1, first)
                        : CompletableFuture.completedFuture(answer));
    }

    private CompletableFuture<VerdictAnswer> sendVerdict(int index, Query query) {
        tally.countVerdict();
        Message message = Message.newQuery(Record.newRecord(query.name(), query.type(), DClass.IN));
        Resolver resolver;
        if (dnssec == DnssecMode.VALIDATE) {
            resolver = validators.get(index).validatorFor(query.name(), executor);
        } else {
            // RFC 6840 5.7: AD in a query asks a validating resolver to say whether it validated.
            message.getHeader().setFlag(Flags.AD);
            resolver = resolvers.get(index);
        }
        CompletableFuture<Message> sent;
        try {
            sent = resolver.sendAsync(message, executor).toCompletableFuture().copy();
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return Deadlines.within(sent, verdictGuard)
                .handleAsync((response, failure) -> failure == null
                        ? VerdictAnswer.of(response)
                        : VerdictAnswer.failed(DnsAnswer.failed(query, FailureClassifier.kindOf(failure),
                                FailureClassifier.detail(failure)).error()), executor);
    }

    /** Completes on this client's executor with the classified answer; never exceptionally for DNS. */
    public CompletableFuture<DnsAnswer> query(Name name, int type) {
        Query query = new Query(name, type);
        return attempt(query, 0, Math.floorMod(rotation.getAndIncrement(), resolvers.size()));
    }

    private CompletableFuture<DnsAnswer> attempt(Query query, int attempt, int first) {
        Resolver resolver = resolvers.get((first + attempt) % resolvers.size());
        return limit.submit(() -> send(resolver, query))
                .thenCompose(answer -> answer.isRetryable() && attempt < retries
                        ? attempt(query, attempt + 1, first)
                        : CompletableFuture.completedFuture(answer));
    }

    private CompletableFuture<DnsAnswer> send(Resolver resolver, Query query) {
        tally.count(query);
        // A fresh message per attempt: a retry must not reuse the id of a lost exchange.
        Message message = Message.newQuery(Record.newRecord(query.name(), query.type(), DClass.IN));
        if (dnssec.checkingDisabled()) {
            message.getHeader().setFlag(Flags.CD);
        }
        CompletableFuture<Message> sent;
        try {
            sent = resolver.sendAsync(message, executor).toCompletableFuture().copy();
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        // An answer is read where dnsjava completed it, already on this client's pool (SimpleResolver
        // parses on the executor it is given): a second hop there cost a queue hand-off and a thread
        // wake-up per query. A failure completes on a timer or I/O thread, so it moves to the pool.
        return Deadlines.within(sent, guard)
                .thenApply(response -> AnswerReader.read(query, response))
                .exceptionallyAsync(failure -> DnsAnswer.failed(query, FailureClassifier.kindOf(failure),
                        FailureClassifier.detail(failure)), executor);
    }

    /** Queries sent so far, by kind. */
    public QueryTally tally() {
        return tally;
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
