package io.mailcensus.worker.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.core.metrics.MeterNames;
import io.mailcensus.core.metrics.Metrics;
import io.mailcensus.core.port.ResultSink;
import io.mailcensus.core.queue.InProcessWorkQueue;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.DomainStatus;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.schemas.ScanTask;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ScanWorkerMetricsTest {

    private static final ResultSink DISCARD = new ResultSink() {
        @Override public void publish(DomainResult result) {}
        @Override public void publish(MailServerResult result) {}
        @Override public void flush() {}
    };

    @Test
    void countsDomainsProbedByTheirResultStatusIncludingProbesThatThrew() throws InterruptedException {
        InProcessWorkQueue queue = new InProcessWorkQueue(10);
        for (String domain : new String[] {"a.ch", "b.ch", "gone.ch", "bug.ch"}) {
            queue.submit(ScanTask.newBuilder().setScanId("s").setDomain(domain).setDomainUnicode(domain)
                    .setEnqueuedAt(Instant.EPOCH).build());
        }
        queue.finish();
        DomainProbe probe = task -> switch (task.getDomain()) {
            case "bug.ch" -> throw new IllegalStateException("a bug");
            case "gone.ch" -> CompletableFuture.completedFuture(result(task, DomainStatus.nxdomain));
            default -> CompletableFuture.completedFuture(result(task, DomainStatus.ok));
        };
        Metrics metrics = Metrics.simple();

        new ScanWorker(queue, probe, DISCARD, 2, Clock.systemUTC(), new ScanCounters(), metrics).run();

        var probed = metrics.registry().get(MeterNames.DOMAINS_PROBED);
        assertThat(probed.tag("status", "ok").counter().count()).isEqualTo(2.0);
        assertThat(metrics.registry().get(MeterNames.DOMAINS_PROBED).tag("status", "nxdomain").counter().count())
                .isEqualTo(1.0);
        assertThat(metrics.registry().get(MeterNames.DOMAINS_PROBED).tag("status", "error").counter().count())
                .isEqualTo(1.0);
    }

    private static DomainResult result(ScanTask task, DomainStatus status) {
        return DomainResult.newBuilder()
                .setScanId(task.getScanId())
                .setDomain(task.getDomain())
                .setDomainUnicode(task.getDomainUnicode())
                .setStatus(status)
                .setStartedAt(Instant.EPOCH)
                .setFinishedAt(Instant.EPOCH)
                .build();
    }
}
