package io.mailcensus.worker.loop;

import io.mailcensus.core.port.TaskSink;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.ScanTask;
import io.mailcensus.schemas.WebProbeTask;
import io.mailcensus.worker.dns.client.InFlightLimit;
import io.mailcensus.worker.dns.scan.DomainChecker;
import io.mailcensus.worker.https.DnsAddressResolver;
import io.mailcensus.worker.https.WebProbes;
import io.mailcensus.worker.https.WebSetup;
import io.mailcensus.worker.optout.OptOutList;
import io.mailcensus.worker.politeness.HostGates;
import io.mailcensus.worker.politeness.Scheduler;
import io.mailcensus.worker.webstage.WebRouter;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A worker's whole per-domain probe: the DNS checks, then (unless {@code --no-http}) the HTTPS
 * probes that the DNS answers call for. Mail servers are not here: they are probed once per
 * (host, IP) by the mail-server stage, not once per domain.
 *
 * <p>The two parts have separate bounds. At most {@code concurrency} domains are in their DNS
 * checks; a domain whose DNS part is done waits for its HTTPS probes in the backlog
 * ({@link WebSetup#backlog()}) without holding a DNS slot. Web requests wait at per-IP gates,
 * and a large shared web host at its rate, or in backoff after refusals, would otherwise fill
 * every DNS slot with domains queued behind it and stall the scan (issue 7 measured 1 domain/s
 * for minutes). A worker therefore takes up to {@link #maxInFlight()} tasks at once.
 *
 * <p><b>Routed</b> (a scan and a cluster worker, given a web task sink): the HTTPS probes are not
 * run here at all. The DNS checks also resolve the domain's own name, hand a web probe task keyed
 * by that address to the sink (the web stage, {@code io.mailcensus.worker.webstage}) and the
 * domain's DNS result is published at once, web checks {@code not_checked}. {@code check} runs
 * both parts inline.
 */
public final class DomainProbes implements AutoCloseable {

    private final DomainChecker checker;
    private final WebProbes web;
    private final HostGates gates;
    private final int concurrency;
    private final int backlog;
    private final ExecutorService starter;
    private final StagedProbe staged;
    private final WebRouter router;
    private final TaskSink<WebProbeTask> webTasks;

    /** @param concurrency domains in their DNS checks at once ({@code --concurrency}) */
    public DomainProbes(DomainChecker checker, WebSetup setup, OptOutList optOut, Clock clock, int concurrency) {
        this(checker, setup, optOut, clock, concurrency, null);
    }

    /**
     * Routed: each domain's web probes go to {@code webTasks} as a task instead of running here.
     *
     * @param webTasks null: run them inline, as {@code check} does
     */
    public DomainProbes(DomainChecker checker, WebSetup setup, OptOutList optOut, Clock clock, int concurrency,
            TaskSink<WebProbeTask> webTasks) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
        }
        this.checker = checker;
        this.concurrency = concurrency;
        this.gates = new HostGates(setup.politeness(), Scheduler.system());
        boolean routed = setup.enabled() && webTasks != null;
        this.webTasks = routed ? webTasks : null;
        this.router = routed ? new WebRouter(new DnsAddressResolver(checker.dns()), setup.probes().https().addresses(),
                optOut, clock) : null;
        if (setup.enabled() && !routed) {
            this.web = new WebProbes(setup.probes(), new DnsAddressResolver(checker.dns()), gates, clock, optOut);
            this.backlog = setup.backlog();
            // Queued checks start on this thread, not on the I/O thread that finished the last one.
            this.starter = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("dns-slots").daemon().factory());
            this.staged = new StagedProbe(checker::check, web::enrich, new InFlightLimit(concurrency, starter));
        } else {
            this.web = null;
            this.backlog = 0;
            this.starter = null;
            this.staged = null;
        }
    }

    /** The tasks a worker may hold at once: {@code concurrency} in DNS plus the HTTPS backlog. */
    public int maxInFlight() {
        return maxInFlight(concurrency, web == null ? 0 : backlog);
    }

    /** {@link #maxInFlight()} before the probes exist (to size a task source). */
    public static int maxInFlight(WebSetup setup, int concurrency) {
        return maxInFlight(concurrency, setup.enabled() ? setup.backlog() : 0);
    }

    private static int maxInFlight(int concurrency, int backlog) {
        return concurrency + backlog;
    }

    /** The per-IP HTTPS gates. */
    public HostGates gates() {
        return gates;
    }

    /** Domains whose DNS part is done and whose HTTPS probes are queued or running. */
    public int waitingForWeb() {
        return staged == null ? 0 : staged.inSecondStage();
    }

    public DomainProbe probe() {
        if (router != null) {
            return task -> checker.check(task).thenCompose(this::route);
        }
        if (web == null) {
            return checker::check;
        }
        return new DomainProbe() {
            @Override
            public CompletionStage<DomainResult> probe(ScanTask task) {
                gates.beginRound(task.getScanId()); // a new round lifts the last one's quarantines
                return staged.probe(task);
            }

            @Override
            public int abandonNotStarted() {
                return staged.abandonNotStarted();
            }

            @Override
            public int abandonNotStarted(Predicate<ScanTask> which) {
                return staged.abandonNotStarted(which);
            }
        };
    }

    /** Hands the domain's web probe task on, then gives the DNS result back to be published. */
    private CompletionStage<DomainResult> route(DomainResult dns) {
        if (!router.probes(dns)) {
            return CompletableFuture.completedFuture(dns);
        }
        return router.route(dns).thenApply(task -> {
            try {
                webTasks.submit(task); // never blocks: an unbounded queue, or a producer's buffer
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while queueing the web probes of " + dns.getDomain(), e);
            }
            dns.setWebPending(true); // on the DNS row only: the task carries its own copy
            return dns;
        });
    }

    @Override
    public void close() {
        if (web != null) {
            web.close();
        }
        if (starter != null) {
            starter.shutdownNow();
        }
    }
}
