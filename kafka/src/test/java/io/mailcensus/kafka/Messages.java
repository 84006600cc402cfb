package io.mailcensus.kafka;

import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.DomainStatus;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.schemas.MxProbeTask;
import io.mailcensus.schemas.ScanTask;
import java.time.Instant;

/** Minimal messages of each type for tests. */
public final class Messages {

    public static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");

    private Messages() {}

    public static ScanTask scanTask(String scanId, String domain) {
        return ScanTask.newBuilder()
                .setScanId(scanId)
                .setDomain(domain)
                .setDomainUnicode(domain)
                .setEnqueuedAt(T0)
                .build();
    }

    public static MxProbeTask mxProbe(String scanId, String host, String ip) {
        return MxProbeTask.newBuilder().setScanId(scanId).setHost(host).setIp(ip).setEnqueuedAt(T0).build();
    }

    public static DomainResult domainResult(String scanId, String domain) {
        return DomainResult.newBuilder()
                .setScanId(scanId)
                .setDomain(domain)
                .setDomainUnicode(domain)
                .setStatus(DomainStatus.values()[0])
                .setStartedAt(T0)
                .setFinishedAt(T0)
                .build();
    }

    public static MailServerResult mailServerResult(String scanId, String host, String ip) {
        return MailServerResult.newBuilder().setScanId(scanId).setHost(host).setIp(ip).setProbedAt(T0).build();
    }
}
