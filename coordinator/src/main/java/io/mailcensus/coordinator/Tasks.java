package io.mailcensus.coordinator;

import io.mailcensus.core.name.DomainName;
import io.mailcensus.schemas.ScanTask;
import java.time.Instant;

/** Builds the scan-task message for one domain. */
public final class Tasks {

    private Tasks() {}

    public static ScanTask scanTask(String scanId, DomainName name, Instant now) {
        return ScanTask.newBuilder()
                .setScanId(scanId)
                .setDomain(name.ascii())
                .setDomainUnicode(name.unicode())
                .setEnqueuedAt(now)
                .setAttempt(0)
                .build();
    }
}
