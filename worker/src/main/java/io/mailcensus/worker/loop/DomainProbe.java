package io.mailcensus.worker.loop;

import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.ScanTask;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/** Everything mailcensus learns about one domain in one round, asynchronously. */
@FunctionalInterface
public interface DomainProbe {

    CompletionStage<DomainResult> probe(ScanTask task);

    /**
     * The scan is stopping: gives up the domains taken but not started (waiting for a DNS slot).
     * Their stages fail with {@link NotStartedException}; they get no result, so a resumed scan
     * (or another worker, for a Kafka task that is never acknowledged) probes them. Returns how many.
     */
    default int abandonNotStarted() {
        return 0;
    }

    /**
     * As {@link #abandonNotStarted()}, only for the tasks {@code which} accepts (e.g. those of
     * Kafka partitions this worker no longer owns); the scan goes on.
     */
    default int abandonNotStarted(Predicate<ScanTask> which) {
        return 0;
    }
}
