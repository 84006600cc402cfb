package io.mailcensus.launcher.cluster;

import io.mailcensus.core.metrics.Metrics;
import io.mailcensus.kafka.client.KafkaSettings;
import io.mailcensus.kafka.result.KafkaResultSink;
import io.mailcensus.kafka.serde.Serdes;
import io.mailcensus.kafka.work.KafkaMxProbeSink;
import io.mailcensus.kafka.work.KafkaTaskSource;
import io.mailcensus.kafka.work.KafkaWebProbeSink;
import io.mailcensus.kafka.work.KafkaWorkSource;
import io.mailcensus.schemas.MxProbeTask;
import io.mailcensus.schemas.WebProbeTask;
import io.mailcensus.worker.assembly.Worker;
import io.mailcensus.worker.assembly.WorkerSettings;
import io.mailcensus.worker.loop.DomainProbes;
import io.mailcensus.worker.loop.ScanCounters;
import io.mailcensus.worker.loop.ScanWorker;
import io.mailcensus.worker.mailserver.MailServerLoop;
import io.mailcensus.worker.webstage.WebLoop;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker over Kafka: the {@link Worker} of a single-machine scan, with Kafka adapters. Its
 * domain loop takes scan tasks and produces each domain's DNS result, its MX probe tasks (keyed
 * by IP) and its web probe task (keyed by web IP); its MX loop and its web loop take the tasks of
 * the partitions this worker holds, so one worker owns each mail server's gate and each web
 * server's HTTPS gate in the whole cluster; the web loop produces the domain's result again, web
 * checks filled in (the later row wins in the store). Offsets are
 * committed only after what a task caused is in Kafka (at-least-once; the store deduplicates).
 *
 * <p>With a round ({@code --round ID}) the worker stops when that round is done everywhere:
 * every scan-task partition past its end-of-round marker, then every MX-task and web-task
 * partition past the marker this worker (and the others) write once the scan tasks are done. Without one it runs
 * until {@link #stop()}.
 *
 * <p><b>What a worker holds.</b> Scan tasks: at most {@code --concurrency} in their DNS checks,
 * {@code --https-backlog} more past them or waiting for a DNS slot, and {@code --concurrency}
 * more fetched but not handed to the loop (defaults 256 + 4,096 + 256). MX tasks: at most 16 per
 * active probe ({@code --smtp-max-active}). When a partition moves to another worker (one
 * joins, leaves or restarts), the tasks of it that this worker has not started are cancelled
 * (the new owner reads them again from the committed offset), the started ones get
 * {@link KafkaTaskSource.Options#revokeGrace} to finish and be committed; so a rebalance probes
 * twice at most what was running, not everything held.
 *
 * <p><b>Stopping</b> ({@link #stop()}, SIGTERM): the loops take nothing more; tasks not started
 * are cancelled; started probes get {@link #STOP_DRAIN} to finish; then what is done is
 * committed and both consumers leave their groups, so the others take the partitions over at
 * once instead of after the session timeout. Whatever was still running is redelivered.
 */
public final class WorkerRole {

    private static final Logger log = LoggerFactory.getLogger(WorkerRole.class);

    public static final String SCAN_GROUP = "mailcensus-workers";
    public static final String MX_GROUP = "mailcensus-mx-workers";
    public static final String WEB_GROUP = "mailcensus-web-workers";

    private final KafkaSettings kafka;
    private final WorkerSettings probing;
    private final Optional<String> round;
    private final Clock clock;
    private final Metrics metrics;
    private final ScanCounters counters = new ScanCounters();
    /** How long a stopping worker lets started probes finish before it commits and leaves. */
    public static final Duration STOP_DRAIN = Duration.ofSeconds(5);

    private volatile boolean stopping;
    private volatile long drainDeadline;
    private volatile ScanWorker scanLoop;
    private volatile MailServerLoop mailLoop;
    private volatile WebLoop webLoop;

    public WorkerRole(KafkaSettings kafka, WorkerSettings probing, Optional<String> round, Clock clock) {
        this(kafka, probing, round, clock, Metrics.none());
    }

    public WorkerRole(KafkaSettings kafka, WorkerSettings probing, Optional<String> round, Clock clock, Metrics metrics) {
        this.metrics = metrics;
        this.kafka = kafka;
        this.probing = probing;
        this.round = round;
        this.clock = clock;
    }

    public ScanCounters counters() {
        return counters;
    }

    public void run() throws Exception {
        // the loop's own bound plus one fetch's worth of slack (see the class comment)
        KafkaTaskSource.Options scanOptions = options(SCAN_GROUP)
                .withMaxInFlight(DomainProbes.maxInFlight(probing.web(), probing.concurrency()) + probing.concurrency());
        KafkaTaskSource.Options mxOptions = options(MX_GROUP).withMaxInFlight(probing.mail().maxActive() * 16);
        // the web stage holds at most the backlog at once; the rest waits in Kafka (partitions paused)
        KafkaTaskSource.Options webOptions = options(WEB_GROUP).withMaxInFlight(Math.max(1, probing.web().backlog()));
        try (KafkaResultSink results = new KafkaResultSink(kafka, metrics);
                KafkaMxProbeSink mxOut = new KafkaMxProbeSink(kafka);
                KafkaWebProbeSink webOut = new KafkaWebProbeSink(kafka);
                Worker worker = new Worker(probing, results, mxOut, webOut, clock, counters, metrics);
                KafkaWorkSource scans = new KafkaWorkSource(kafka, scanOptions, () -> {
                    mxOut.flush();
                    webOut.flush();
                    results.flush();
                });
                KafkaTaskSource<MxProbeTask> mx = new KafkaTaskSource<>(kafka, kafka.topics().mxProbeTasks(),
                        Serdes.MX_PROBE_TASK, mxOptions, results::flush);
                KafkaTaskSource<WebProbeTask> web = new KafkaTaskSource<>(kafka, kafka.topics().webProbeTasks(),
                        Serdes.WEB_PROBE_TASK, webOptions, results::flush)) {
            MailServerLoop mxTasks = worker.mailServerLoop(mx);
            WebLoop webTasks = worker.hasWebStage() ? worker.webLoop(web) : null;
            ScanWorker scanTasks = worker.scanLoop(scans);
            scans.tasks().onRevoked(scanTasks::cancelNotStarted);
            mx.onRevoked(mxTasks::cancelQueued);
            scans.tasks().reportLag(metrics);
            mx.reportLag(metrics);
            web.reportLag(metrics);
            mailLoop = mxTasks;
            webLoop = webTasks;
            scanLoop = scanTasks;
            if (stopping) {
                mxTasks.stopAndAbandonQueued();
                if (webTasks != null) {
                    webTasks.stop();
                }
                scanTasks.stop(STOP_DRAIN);
            }
            Thread mxThread = Thread.ofPlatform().name("mx-tasks").start(mxTasks::run);
            Thread webThread = webTasks == null ? null : Thread.ofPlatform().name("web-tasks").start(webTasks::run);
            scanTasks.run();
            if (round.isPresent() && !stopping) {
                // every worker's MX and web tasks of this round are in Kafka once the scan round is done
                mxOut.finish(round.get());
                mxOut.flush();
                webOut.finish(round.get());
                webOut.flush();
            }
            mxThread.join();
            if (stopping) {
                long left = Math.max(0, drainDeadline - System.nanoTime());
                if (webThread != null) {
                    webThread.join(Duration.ofNanos(left));
                }
                left = Math.max(0, drainDeadline - System.nanoTime());
                if (!worker.mailServers().awaitIdle(left, TimeUnit.NANOSECONDS)) {
                    log.info("stopping: MX probes still running are given up unacknowledged");
                }
                left = Math.max(0, drainDeadline - System.nanoTime());
                if (webTasks != null && !worker.webServers().awaitIdle(left, TimeUnit.NANOSECONDS)) {
                    log.info("stopping: web probes still running are given up unacknowledged");
                }
            } else {
                if (webThread != null) {
                    webThread.join();
                }
                worker.mailServers().awaitIdle(10, TimeUnit.MINUTES);
                if (webTasks != null) {
                    worker.webServers().awaitIdle(10, TimeUnit.MINUTES);
                }
            }
        } // closing the sources commits what is acknowledged and leaves the groups
    }

    /**
     * Stops taking tasks and cancels those not started; probes that started get
     * {@link #STOP_DRAIN} to finish, their results are produced and committed; then
     * {@link #run()} closes the consumers (leaving the groups) and returns. Any thread.
     */
    public void stop() {
        drainDeadline = System.nanoTime() + STOP_DRAIN.toNanos();
        stopping = true;
        ScanWorker s = scanLoop;
        if (s != null) {
            s.stop(STOP_DRAIN);
        }
        MailServerLoop m = mailLoop;
        if (m != null) {
            m.stopAndAbandonQueued();
        }
        WebLoop w = webLoop;
        if (w != null) {
            w.stop();
        }
    }

    private KafkaTaskSource.Options options(String group) {
        KafkaTaskSource.Options o = KafkaTaskSource.Options.endless(group);
        return round.map(o::untilEndOfRound).orElse(o);
    }
}
