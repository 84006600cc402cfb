package io.mailcensus.launcher;

import io.mailcensus.launcher.cluster.WorkerRole;
import io.mailcensus.worker.assembly.WorkerSettings;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
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

    @Override
    public Integer call() throws Exception {
        var probing = new WorkerSettings(probe.settings(), mail.settings(System.err), mail.web(), probe.concurrency);
        var metrics = metricsOptions.start();
        if (metricsOptions.listen != null) {
            WorkerLag.start(kafka.settings(), metrics); // a daemon thread: lives as long as the worker
        }
        WorkerRole role = new WorkerRole(kafka.settings(), probing, Optional.ofNullable(round), Clock.systemUTC(),
                metrics);
        Thread stop = new Thread(role::stop, "worker-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        role.run();
        System.out.printf("worker done: %,d domains probed, %,d errors%n", role.counters().done(), role.counters().errors());
        return 0;
    }
}
