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
import java.util.Optional;
import java.util.concurrent.TimeUnit;

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
 */
public final class WorkerRole {

    public static final String SCAN_GROUP = "mailcensus-workers";
    public static final String MX_GROUP = "mailcensus-mx-workers";
    public static final String WEB_GROUP = "mailcensus-web-workers";

    private final KafkaSettings kafka;
    private final WorkerSettings probing;
    private final Optional<String> round;
    private final Clock clock;
    private final Metrics metrics;
    private final ScanCounters counters = new ScanCounters();
    private volatile boolean stopping;
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
        KafkaTaskSource.Options scanOptions = options(SCAN_GROUP)
                .withMaxInFlight(DomainProbes.maxInFlight(probing.web(), probing.concurrency()) + probing.concurrency() * 3);
        KafkaTaskSource.Options mxOptions = options(MX_GROUP).withMaxInFlight(probing.mail().maxActive() * 16);
        // the web stage holds at most the backlog at once; the rest waits in Kafka (partitions paused)
        KafkaTaskSource.Options webOptions = options(WEB_GROUP).withMaxInFlight(Math.max(1, probing.web().backlog()));
        try (KafkaResultSink results = new KafkaResultSink(kafka);
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
            mailLoop = mxTasks;
            webLoop = webTasks;
            scanLoop = scanTasks;
            if (stopping) {
                mxTasks.stop();
                if (webTasks != null) {
                    webTasks.stop();
                }
                scanTasks.stop();
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
            if (webThread != null) {
                webThread.join();
            }
            worker.mailServers().awaitIdle(10, TimeUnit.MINUTES);
            if (webTasks != null) {
                worker.webServers().awaitIdle(10, TimeUnit.MINUTES);
            }
        }
    }

    /** Stops taking tasks: probes in flight finish, their results are produced and committed. */
    public void stop() {
        stopping = true;
        ScanWorker s = scanLoop;
        if (s != null) {
            s.stop();
        }
        MailServerLoop m = mailLoop;
        if (m != null) {
            m.stop();
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
