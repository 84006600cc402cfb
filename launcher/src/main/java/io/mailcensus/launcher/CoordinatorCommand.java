package io.mailcensus.launcher;

import io.mailcensus.coordinator.ScanFeeder;
import io.mailcensus.coordinator.input.InputSummary;
import io.mailcensus.kafka.work.KafkaWorkSink;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "coordinator", mixinStandardHelpOptions = true,
        description = "Feed a round of scan tasks (keyed by domain) into Kafka, then its end-of-round marker.")
final class CoordinatorCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Mixin
    MetricsOptions metricsOptions;

    @Mixin
    InputOptions input;

    @Option(names = "--scan-id", paramLabel = "ID", description = "the round's id (default: the UTC start time)")
    String scanId;

    @Override
    public Integer call() throws Exception {
        metricsOptions.start();
        String id = scanId != null ? scanId : ScanCommand.defaultScanId();
        InputSummary summary;
        try (KafkaWorkSink sink = new KafkaWorkSink(kafka.settings())) {
            summary = new ScanFeeder(sink, Clock.systemUTC()).feed(id, input.source(), domain -> false);
            sink.finish(id);
        }
        System.out.printf("round %s: %,d domains fed, %,d duplicates, %,d rejected%n", id, summary.accepted(),
                summary.duplicates(), summary.rejectedTotal());
        summary.describeRejections().forEach(System.out::println);
        System.out.printf("workers: mailcensus worker --kafka %s --round %s%n", kafka.bootstrap, id);
        return 0;
    }
}
