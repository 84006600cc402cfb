package io.mailcensus.launcher.cluster;

import io.mailcensus.core.metrics.Metrics;
import io.mailcensus.kafka.client.KafkaSettings;
import io.mailcensus.kafka.result.KafkaResultSink;
import io.mailcensus.kafka.serde.Serdes;
import io.mailcensus.kafka.work.KafkaMxProbeSink;
import io.mailcensus.kafka.work.KafkaTaskSource;
import io.mailcensus.kafka.work.KafkaWorkSource;
import io.mailcensus.schemas.MxProbeTask;
import io.mailcensus.worker.assembly.Worker;
import io.mailcensus.worker.assembly.WorkerSettings;
import io.mailcensus.worker.loop.DomainProbes;
import io.mailcensus.worker.loop.ScanCounters;
import io.mailcensus.worker.loop.ScanWorker;
import io.mailcensus.worker.mailserver.MailServerLoop;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One worker over Kafka: the {@link Worker} of a single-machine scan, with Kafka adapters. Its
 * domain loop takes scan tasks and produces each domain's result and its MX probe tasks (keyed
 * by IP); its MX loop takes the MX probe tasks of the partitions this worker holds. Offsets are
 * committed only after what a task caused is in Kafka (at-least-once; the store deduplicates).
 *
 * <p>With a round ({@code --round ID}) the worker stops when that round is done everywhere:
 * every scan-task partition past its end-of-round marker, then every MX-task partition past the
 * marker this worker (and the others) write once the scan tasks are done. Without one it runs
 * until {@link #stop()}.
 */
public final class WorkerRole {

    public static final String SCAN_GROUP = "mailcensus-workers";
    public static final String MX_GROUP = "mailcensus-mx-workers";

    private final KafkaSettings kafka;
    private final WorkerSettings probing;
    private final Optional<String> round;
    private final Clock clock;
    private final Metrics metrics;
    private final ScanCounters counters = new ScanCounters();
    private volatile boolean stopping;
    private volatile ScanWorker scanLoop;
    private volatile MailServerLoop mailLoop;

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
        try (KafkaResultSink results = new KafkaResultSink(kafka, metrics);
                KafkaMxProbeSink mxOut = new KafkaMxProbeSink(kafka);
                Worker worker = new Worker(probing, results, mxOut, clock, counters, metrics);
                KafkaWorkSource scans = new KafkaWorkSource(kafka, scanOptions, () -> {
                    mxOut.flush();
                    results.flush();
                });
                KafkaTaskSource<MxProbeTask> mx = new KafkaTaskSource<>(kafka, kafka.topics().mxProbeTasks(),
                        Serdes.MX_PROBE_TASK, mxOptions, results::flush)) {
            MailServerLoop mxTasks = worker.mailServerLoop(mx);
            ScanWorker scanTasks = worker.scanLoop(scans);
            mailLoop = mxTasks;
            scanLoop = scanTasks;
            if (stopping) {
                mxTasks.stop();
                scanTasks.stop();
            }
            Thread mxThread = Thread.ofPlatform().name("mx-tasks").start(mxTasks::run);
            scanTasks.run();
            if (round.isPresent() && !stopping) {
                // every worker's MX tasks of this round are in Kafka once the scan round is done
                mxOut.finish(round.get());
                mxOut.flush();
            }
            mxThread.join();
            worker.mailServers().awaitIdle(10, TimeUnit.MINUTES);
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
    }

    private KafkaTaskSource.Options options(String group) {
        KafkaTaskSource.Options o = KafkaTaskSource.Options.endless(group);
        return round.map(o::untilEndOfRound).orElse(o);
    }
}
