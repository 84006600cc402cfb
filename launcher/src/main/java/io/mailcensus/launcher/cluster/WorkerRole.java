package io.mailcensus.launcher.cluster;

import io.mailcensus.core.metrics.Metrics;
import io.mailcensus.core.port.ResultSink;
import io.mailcensus.kafka.client.KafkaSettings;
import io.mailcensus.kafka.result.KafkaResultSink;
import io.mailcensus.kafka.serde.Serdes;
import io.mailcensus.kafka.work.KafkaMxProbeSink;
import io.mailcensus.kafka.work.KafkaTaskSource;
import io.mailcensus.kafka.work.KafkaWorkSource;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.schemas.MxProbeTask;
import io.mailcensus.worker.dns.DnsSettings;
import io.mailcensus.worker.dns.DomainChecker;
import io.mailcensus.worker.https.WebSetup;
import io.mailcensus.worker.loop.DomainProbes;
import io.mailcensus.worker.loop.ScanCounters;
import io.mailcensus.worker.loop.ScanWorker;
import io.mailcensus.worker.mailserver.MailServerSettings;
import io.mailcensus.worker.mailserver.MailServers;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker: two consumer loops in one process. The domain loop takes scan tasks, probes the
 * domain (DNS, HTTPS) and produces its result and its MX probe tasks (keyed by IP); the MX loop
 * takes the MX probe tasks of the partitions this worker holds and probes each (host, IP) once
 * per round under its gate. Offsets are committed only after what a task caused is in Kafka
 * (at-least-once; the store deduplicates).
 *
 * <p>With a round ({@code --round ID}) the worker stops when that round is done everywhere:
 * every scan-task partition past its end-of-round marker, then every MX-task partition past the
 * marker this worker (and the others) write once the scan tasks are done. Without one it runs
 * until {@link #stop()}.
 */
public final class WorkerRole {

    private static final Logger log = LoggerFactory.getLogger(WorkerRole.class);

    public static final String SCAN_GROUP = "mailcensus-workers";
    public static final String MX_GROUP = "mailcensus-mx-workers";

    /** What the worker probes with: the same settings as a single-machine scan. */
    public record Probing(DnsSettings dns, MailServerSettings mail, WebSetup web, int concurrency) {}

    private final KafkaSettings kafka;
    private final Probing probing;
    private final Optional<String> round;
    private final Clock clock;
    private final Metrics metrics;
    private final ScanCounters counters = new ScanCounters();
    private volatile boolean stopping;
    private volatile ScanWorker scanWorker;
    private volatile KafkaWorkSource scanTasks;
    private volatile KafkaTaskSource<MxProbeTask> mxTasks;

    public WorkerRole(KafkaSettings kafka, Probing probing, Optional<String> round, Clock clock) {
        this(kafka, probing, round, clock, Metrics.none());
    }

    public WorkerRole(KafkaSettings kafka, Probing probing, Optional<String> round, Clock clock, Metrics metrics) {
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
        try (KafkaResultSink results = new KafkaResultSink(kafka);
                KafkaMxProbeSink mxOut = new KafkaMxProbeSink(kafka);
                DomainChecker checker = new DomainChecker(probing.dns());
                DomainProbes probes = new DomainProbes(checker, probing.web(), probing.mail().optOut(), clock, probing.concurrency());
                MailServers servers = new MailServers(probing.mail(), checker.dns(), results::publish, clock, metrics);
                KafkaWorkSource scans = new KafkaWorkSource(kafka, scanOptions, () -> {
                    mxOut.flush();
                    results.flush();
                });
                KafkaTaskSource<MxProbeTask> mx = new KafkaTaskSource<>(kafka, kafka.topics().mxProbeTasks(),
                        Serdes.MX_PROBE_TASK, mxOptions, results::flush)) {
            scanTasks = scans;
            mxTasks = mx;
            Thread mxLoop = Thread.ofPlatform().name("mx-tasks").start(() -> mxLoop(mx, servers));
            ScanWorker worker = new ScanWorker(scans, probes.probe(), new DomainSink(results, mxOut, probing.mail(), clock),
                    probes.maxInFlight(), clock, counters, metrics);
            scanWorker = worker;
            if (stopping) {
                worker.stop();
            }
            worker.run();
            if (round.isPresent() && !stopping) {
                // every worker's MX tasks of this round are in Kafka once the scan round is done
                mxOut.finish(round.get());
                mxOut.flush();
            }
            mxLoop.join();
            servers.awaitIdle(10, TimeUnit.MINUTES);
        }
    }

    /** Stops taking tasks: probes in flight finish, their results are produced and committed. */
    public void stop() {
        stopping = true;
        ScanWorker w = scanWorker;
        if (w != null) {
            w.stop();
        }
        KafkaWorkSource s = scanTasks;
        if (s != null) {
            s.wakeup();
        }
        KafkaTaskSource<MxProbeTask> m = mxTasks;
        if (m != null) {
            m.wakeup();
        }
    }

    private KafkaTaskSource.Options options(String group) {
        KafkaTaskSource.Options o = KafkaTaskSource.Options.endless(group);
        return round.map(o::untilEndOfRound).orElse(o);
    }

    private void mxLoop(KafkaTaskSource<MxProbeTask> mx, MailServers servers) {
        try {
            while (!stopping && !mx.exhausted()) {
                for (MxProbeTask task : mx.poll(512, Duration.ofMillis(200))) {
                    servers.stage().submit(task).whenComplete((done, failure) -> mx.acknowledge(List.of(task)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!stopping) {
                log.error("the MX task loop failed", e);
            }
        }
    }

    /** Domain results go to Kafka, and so do the probe tasks of their mail servers (keyed by IP). */
    private record DomainSink(KafkaResultSink results, KafkaMxProbeSink mxOut, MailServerSettings mail, Clock clock)
            implements ResultSink {

        @Override
        public void publish(DomainResult result) {
            results.publish(result);
            mail.targets(result, clock.instant()).forEach(mxOut::submit);
        }

        @Override
        public void publish(MailServerResult result) {
            results.publish(result);
        }

        @Override
        public void flush() {
            mxOut.flush();
            results.flush();
        }

        @Override
        public void close() {
            // the role closes the producers
        }
    }
}
