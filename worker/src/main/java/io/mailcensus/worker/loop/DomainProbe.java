package io.mailcensus.worker.loop;

import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.ScanTask;
import java.util.concurrent.CompletionStage;

/** Everything mailcensus learns about one domain in one round, asynchronously. */
@FunctionalInterface
public interface DomainProbe {

    CompletionStage<DomainResult> probe(ScanTask task);
}
