package io.mailcensus.launcher;

import io.mailcensus.launcher.cluster.WorkerRole;
import io.mailcensus.worker.assembly.WorkerSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Run probes for the distributed mode: scan tasks and MX probe tasks from Kafka, results to Kafka. "
                + "Scale by starting more.")
final class WorkerCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Mixin
    MetricsOptions metricsOptions;

    @Option(names = "--round", paramLabel = "SCAN_ID",
            description = "work on this round only and exit when it is done (default: run until stopped)")
    String round;

    @Mixin
    ProbeOptions probe;

    @Mixin
    MailProbeOptions mail;

    /** Orchestrators kill after 10 s (Kubernetes' default grace is 30 s, Docker's stop 10 s). */
    private static final Duration STOP_WITHIN = Duration.ofMillis(9_500);

    @Override
    public Integer call() throws Exception {
        var probing = new WorkerSettings(probe.settings(), mail.settings(System.err), mail.web(), probe.concurrency);
        // The worker serves the lag of its own partitions (KafkaTaskSource.reportLag: summed over the
        // workers, the work left); the coordinator serves the whole group's (WorkerLag).
        var metrics = metricsOptions.start();
        WorkerRole role = new WorkerRole(kafka.settings(), probing, Optional.ofNullable(round), Clock.systemUTC(),
                metrics);
        // SIGTERM: the JVM halts when this hook returns, so it waits for run() to drain, commit
        // and leave the groups (WorkerRole.STOP_DRAIN plus the consumers' close), within 10 s
        CountDownLatch finished = new CountDownLatch(1);
        Thread stop = new Thread(() -> {
            role.stop();
            try {
                if (!finished.await(STOP_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
                    System.err.println("worker: not stopped after " + STOP_WITHIN.toSeconds() + " s, halting");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "worker-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            role.run();
            // printed before the latch opens: once it does, a SIGTERM's hook returns and the JVM
            // halts, and a line printed after it was lost (WorkerRebalanceIT saw no "worker done")
            System.out.printf("worker done: %,d domains probed, %,d errors%n", role.counters().done(),
                    role.counters().errors());
        } finally {
            finished.countDown();
        }
        return 0;
    }
}
