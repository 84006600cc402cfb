package io.mailcensus.worker.assembly;

import io.mailcensus.worker.dns.client.QueryTally;
import io.mailcensus.core.metrics.Metrics;
import io.mailcensus.core.port.ResultSink;
import io.mailcensus.core.port.TaskSink;
import io.mailcensus.core.port.TaskSource;
import io.mailcensus.core.port.WorkSource;
import io.mailcensus.schemas.MxProbeTask;
import io.mailcensus.schemas.WebProbeTask;
import io.mailcensus.worker.dns.scan.DomainChecker;
import io.mailcensus.worker.loop.DomainProbes;
import io.mailcensus.worker.loop.ScanCounters;
import io.mailcensus.worker.loop.ScanWorker;
import io.mailcensus.worker.mailserver.MailServerLoop;
import io.mailcensus.worker.mailserver.MailServers;
import io.mailcensus.worker.mailserver.MxFanOut;
import io.mailcensus.worker.politeness.GateMetrics;
import io.mailcensus.worker.webstage.WebLoop;
import io.mailcensus.worker.webstage.WebServers;
import java.time.Clock;

/**
 * One worker, built the same way in every mode (single-machine scan, cluster worker, {@code check}):
 * the DNS checker, the domain probes (DNS, HTTPS), the mail servers (SMTP under the IP gates),
 * the domain loop and the MX task loop. The caller only chooses the adapters: where results go,
 * where MX probe tasks go, and where both loops take their tasks from (in-process queues, or Kafka).
 *
 * <pre>
 * scan tasks -> {@link #scanLoop} -> domain result (DNS) -> results
 *                                                  -> its MX probe tasks -> mxTasks
 *                                   -> its web probe task -> webTasks
 * MX probe tasks -> {@link #mailServerLoop} -> each (host, IP) once per round -> results
 * web probe tasks -> {@link #webLoop} -> the domain result again, web checks filled in -> results
 * </pre>
 * Without a web task sink ({@code check}) the web probes run inside the domain loop.
 */
public final class Worker implements AutoCloseable {

    private final WorkerSettings settings;
    private final Clock clock;
    private final ScanCounters counters;
    private final Metrics metrics;
    private final DomainChecker checker;
    private final DomainProbes probes;
    private final MailServers mailServers;
    private final MxFanOut fanOut;
    private final WebServers webServers;

    /** Web probes inline in the domain loop ({@code check}). */
    public Worker(WorkerSettings settings, ResultSink results, TaskSink<MxProbeTask> mxTasks, Clock clock,
            ScanCounters counters, Metrics metrics) {
        this(settings, results, mxTasks, null, clock, counters, metrics);
    }

    /**
     * @param results where domain and mail-server results go
     * @param mxTasks where the MX probe tasks of each domain go (read them back with {@link #mailServerLoop})
     * @param webTasks where the web probe task of each domain goes (read them back with {@link #webLoop});
     *     null: the web probes run inline in the domain loop
     */
    public Worker(WorkerSettings settings, ResultSink results, TaskSink<MxProbeTask> mxTasks,
            TaskSink<WebProbeTask> webTasks, Clock clock, ScanCounters counters, Metrics metrics) {
        this.settings = settings;
        this.clock = clock;
        this.counters = counters;
        this.metrics = metrics;
        this.checker = new DomainChecker(settings.dns());
        try {
            this.probes = new DomainProbes(checker, settings.web(), settings.mail().optOut(), clock, settings.concurrency(),
                    webTasks);
            this.mailServers = new MailServers(settings.mail(), checker.dns(), results::publish, clock, metrics);
            this.webServers = webTasks != null && settings.web().enabled()
                    ? new WebServers(settings.web(), checker.dns(), settings.mail().optOut(), results::publish, clock,
                            metrics)
                    : null;
        } catch (RuntimeException e) {
            checker.close();
            throw e;
        }
        this.fanOut = new MxFanOut(results, mxTasks, settings.mail(), clock);
        GateMetrics.register(metrics, "smtp", mailServers.gates());
        // web probes run in the web stage with gates of its own when it exists (check runs them inline)
        GateMetrics.register(metrics, "https", webServers != null ? webServers.gates() : probes.gates());
    }

    /** The domain loop over {@code source}: its results and MX probe tasks go where this worker was told. */
    public ScanWorker scanLoop(WorkSource source) {
        return new ScanWorker(source, probes.probe(), fanOut, probes.maxInFlight(), clock, counters, metrics);
    }

    /** The MX task loop over {@code source}. */
    public MailServerLoop mailServerLoop(TaskSource<MxProbeTask> source) {
        return new MailServerLoop(source, mailServers.stage());
    }

    /** The web task loop over {@code source}; see {@link #webServers()}. */
    public WebLoop webLoop(TaskSource<WebProbeTask> source) {
        return new WebLoop(source, webServers().stage());
    }

    /** The web stage; throws when web probes run inline or are off. */
    public WebServers webServers() {
        if (webServers == null) {
            throw new IllegalStateException("this worker has no web stage (web probes inline or off)");
        }
        return webServers;
    }

    /** Whether this worker runs web probe tasks. */
    public boolean hasWebStage() {
        return webServers != null;
    }

    /** Where a domain probed outside the scan loop ({@code check}) is published, as the loop would. */
    public ResultSink domainResults() {
        return fanOut;
    }

    public DomainProbes probes() {
        return probes;
    }

    /** DNS queries sent so far by this worker, by kind. */
    public QueryTally queries() {
        return checker.dns().tally();
    }

    public MailServers mailServers() {
        return mailServers;
    }

    public WorkerSettings settings() {
        return settings;
    }

    private interface AutoCloseableWeb extends AutoCloseable {
        @Override
        void close();
    }

    private void closeWeb() {
        if (webServers != null) {
            webServers.close();
        }
    }

    @Override
    public void close() {
        try (DomainChecker c = checker; DomainProbes p = probes; MailServers m = mailServers;
                AutoCloseableWeb w = this::closeWeb) {
            // closed in reverse order: web stage, mail servers, probes, checker
        }
    }
}
