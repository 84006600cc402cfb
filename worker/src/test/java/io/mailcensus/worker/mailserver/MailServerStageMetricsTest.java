package io.mailcensus.worker.mailserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.core.metrics.MeterNames;
import io.mailcensus.core.metrics.Metrics;
import io.mailcensus.schemas.ConnectStatus;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.schemas.MxProbeTask;
import java.lang.ref.Reference;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MailServerStageMetricsTest {

    private static MxProbeTask task(String host, String ip) {
        return MxProbeTask.newBuilder().setScanId("scan-1").setHost(host).setIp(ip).setPort(25)
                .setEnqueuedAt(Instant.EPOCH).build();
    }

    private static MailServerResult result(MxProbeTask t, ConnectStatus connect) {
        return MailServerResult.newBuilder().setScanId(t.getScanId()).setHost(t.getHost()).setIp(t.getIp())
                .setProbedAt(Instant.EPOCH).setConnect(connect).build();
    }

    @Test
    void countsProbesByOutcomeAndTasksSharedWithAProbeOfTheSamePair() throws Exception {
        Metrics metrics = Metrics.simple();
        MailServerStage stage = new MailServerStage(
                (scan, target) -> {
                    MxProbeTask t = target.toTask(scan, Instant.EPOCH);
                    return CompletableFuture.completedFuture(result(t, t.getIp().endsWith(".2") ? ConnectStatus.refused : ConnectStatus.ok));
                },
                r -> {}, 8, 1, Clock.systemUTC(), metrics);
        for (int i = 0; i < 10; i++) {
            stage.submit(task("mx.example.", "127.0.10.1"));
        }
        stage.submit(task("mx2.example.", "127.0.10.2"));
        assertThat(stage.awaitIdle(5, TimeUnit.SECONDS)).isTrue();

        var registry = metrics.registry();
        assertThat(registry.get(MeterNames.SMTP_PROBES).tag("connect", "ok").counter().count()).isEqualTo(1.0);
        assertThat(registry.get(MeterNames.SMTP_PROBES).tag("connect", "refused").counter().count()).isEqualTo(1.0);
        assertThat(registry.get(MeterNames.SMTP_PROBES_SHARED).counter().count()).isEqualTo(9.0);
    }

    @Test
    void gaugesReadActiveAndQueuedProbesAtScrapeTime() throws Exception {
        Metrics metrics = Metrics.simple();
        List<CompletableFuture<MailServerResult>> running = new CopyOnWriteArrayList<>();
        List<MxProbeTask> tasks = new CopyOnWriteArrayList<>();
        MailServerStage stage = new MailServerStage((scan, target) -> {
            CompletableFuture<MailServerResult> f = new CompletableFuture<>();
            running.add(f);
            tasks.add(target.toTask(scan, Instant.EPOCH));
            return f;
        }, r -> {}, 8, 1, Clock.systemUTC(), metrics);
        stage.submit(task("a.example.", "127.0.10.1"));
        stage.submit(task("b.example.", "127.0.10.1")); // same IP, limit 1: waits its turn

        var registry = metrics.registry();
        assertThat(registry.get(MeterNames.SMTP_PROBES_ACTIVE).gauge().value()).isEqualTo(1.0);
        assertThat(registry.get(MeterNames.SMTP_PROBES_QUEUED).gauge().value()).isEqualTo(1.0);

        running.get(0).complete(result(tasks.get(0), ConnectStatus.ok));
        running.get(1).complete(result(tasks.get(1), ConnectStatus.ok));
        assertThat(stage.awaitIdle(5, TimeUnit.SECONDS)).isTrue();
        assertThat(registry.get(MeterNames.SMTP_PROBES_ACTIVE).gauge().value()).isZero();
        assertThat(registry.get(MeterNames.SMTP_PROBES_QUEUED).gauge().value()).isZero();
        Reference.reachabilityFence(stage); // the gauges hold the stage weakly
    }
}
