package io.mailcensus.kafka.work;

import io.mailcensus.schemas.ScanTask;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** A worker reduced to its loop: take tasks, "probe" them, acknowledge the chosen ones, until the round ends. */
final class WorkerLoop implements Runnable {

    final KafkaWorkSource source;
    final Set<String> received = ConcurrentHashMap.newKeySet();
    final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Predicate<ScanTask> acknowledge;
    volatile long deliveries;
    volatile Throwable failure;

    WorkerLoop(KafkaWorkSource source, Predicate<ScanTask> acknowledge) {
        this.source = source;
        this.acknowledge = acknowledge;
    }

    @Override
    public void run() {
        try {
            while (!source.exhausted()) {
                List<ScanTask> tasks = source.poll(500, Duration.ofMillis(100));
                deliveries += tasks.size();
                List<ScanTask> done = tasks.stream().filter(acknowledge).toList();
                tasks.forEach(t -> received.add(t.getDomain()));
                done.forEach(t -> acknowledged.add(t.getDomain()));
                source.acknowledge(done);
            }
        } catch (Throwable e) {
            failure = e;
        }
    }
}
