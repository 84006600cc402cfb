package io.mailcensus.launcher;

import io.mailcensus.core.metrics.Metrics;
import io.mailcensus.kafka.client.GroupLag;
import io.mailcensus.kafka.client.KafkaSettings;
import io.mailcensus.launcher.cluster.WorkerRole;
import java.time.Duration;
import java.util.Map;

/** The workers' consumer lag on the task topics, served by the coordinator and each worker (--metrics). */
final class WorkerLag {

    static final Duration EVERY = Duration.ofSeconds(10);

    private WorkerLag() {}

    static GroupLag start(KafkaSettings kafka, Metrics metrics) {
        return GroupLag.start(kafka, Map.of(kafka.topics().scanTasks(), WorkerRole.SCAN_GROUP,
                kafka.topics().mxProbeTasks(), WorkerRole.MX_GROUP), metrics, EVERY);
    }
}
