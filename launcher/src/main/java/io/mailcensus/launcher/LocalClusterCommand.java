package io.mailcensus.launcher;

import io.mailcensus.launcher.cluster.LocalCluster;
import io.mailcensus.launcher.cluster.WorkerRole;
import io.mailcensus.worker.assembly.WorkerSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "local-cluster", mixinStandardHelpOptions = true,
        description = "Scan like `scan`, but through the distributed mode on this machine: a real Kafka broker "
                + "(in-process), the coordinator, N workers and the aggregator.")
final class LocalClusterCommand implements Callable<Integer> {

    @Mixin
    InputOptions input;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "3", description = "workers (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "12",
            description = "partitions a topic: the most workers that can share a round (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--scan-id", paramLabel = "ID", description = "default: the UTC start time")
    String scanId;

    @Mixin
    StoreOptions store;

    @Mixin
    ProbeOptions probe;

    @Mixin
    MailProbeOptions mail;

    @Override
    public Integer call() throws Exception {
        if (workers < 1 || partitions < 1) {
            throw new UserException("--workers and --partitions must be at least 1");
        }
        var probing = new WorkerSettings(probe.settings(), mail.settings(System.err), mail.web(), probe.concurrency);
        var plan = new LocalCluster.Plan(scanId != null ? scanId : ScanCommand.defaultScanId(), input.source(),
                store.data, probing, workers, partitions);
        return new LocalCluster(plan, System.out, System.err).run();
    }
}
