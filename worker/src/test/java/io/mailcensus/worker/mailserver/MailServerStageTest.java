package io.mailcensus.worker.mailserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.schemas.ConnectStatus;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.schemas.MxProbeTask;
import io.mailcensus.worker.smtp.MailServerTarget;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MailServerStageTest {

    /** A probe that completes when the test says so, and records what ran concurrently. */
    private static final class ManualProbe implements MailServerStage.Probe {
        final Map<MxProbeTask, CompletableFuture<MailServerResult>> running = new ConcurrentHashMap<>();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public CompletableFuture<MailServerResult> probe(String scanId, MailServerTarget target) {
            MxProbeTask task = target.toTask(scanId, Instant.EPOCH);
            calls.incrementAndGet();
            CompletableFuture<MailServerResult> f = new CompletableFuture<>();
            running.put(task, f);
            return f;
        }

        void finish(MxProbeTask task) {
            running.remove(task).complete(result(task));
        }

        void finishAll() {
            List.copyOf(running.keySet()).forEach(this::finish);
        }

        long runningOn(String ip) {
            return running.keySet().stream().filter(t -> t.getIp().equals(ip)).count();
        }
    }

    /** A probe written against the task the target came from (what the fakes below inspect). */
    private static MailServerStage.Probe asTask(Function<MxProbeTask, CompletionStage<MailServerResult>> probe) {
        return (scanId, target) -> probe.apply(target.toTask(scanId, Instant.EPOCH));
    }

    private static MxProbeTask task(String host, String ip) {
        return task("scan-1", host, ip);
    }

    private static MxProbeTask task(String scan, String host, String ip) {
        return MxProbeTask.newBuilder().setScanId(scan).setHost(host).setIp(ip).setPort(25)
                .setEnqueuedAt(Instant.EPOCH).build();
    }

    private static MailServerResult result(MxProbeTask t) {
        return MailServerResult.newBuilder().setScanId(t.getScanId()).setHost(t.getHost()).setIp(t.getIp())
                .setProbedAt(Instant.EPOCH).setConnect(ConnectStatus.ok).build();
    }

    @Test
    void thousandDomainsSharingOneMxCauseOneProbeAndOneResult() throws Exception {
        List<MailServerResult> published = new CopyOnWriteArrayList<>();
        MailServerStage stage = new MailServerStage(asTask(t -> CompletableFuture.completedFuture(result(t))),
                published::add, 64, 1);
        for (int i = 0; i < 1000; i++) {
            stage.submit(task("MX.Shared.example.", "127.0.0.10"));
        }
        assertThat(stage.awaitIdle(5, TimeUnit.SECONDS)).isTrue();
        assertThat(stage.probed()).isEqualTo(1);
        assertThat(stage.shared()).isEqualTo(999);
        assertThat(published).hasSize(1);
    }

    @Test
    void eachHostNameOnOneAddressIsItsOwnProbeOneAtATime() {
        ManualProbe probe = new ManualProbe();
        MailServerStage stage = new MailServerStage(probe, r -> {}, 64, 1);
        for (int i = 0; i < 5; i++) {
            stage.submit(task("mx" + i + ".example", "127.0.0.10"));
        }
        for (int i = 0; i < 5; i++) {
            assertThat(probe.runningOn("127.0.0.10")).isEqualTo(1);
            probe.finishAll();
        }
        assertThat(probe.calls).hasValue(5);
        assertThat(stage.queued()).isZero();
        assertThat(stage.active()).isZero();
    }

    @Test
    void aBusyAddressDoesNotHoldUpTheOthers() {
        ManualProbe probe = new ManualProbe();
        MailServerStage stage = new MailServerStage(probe, r -> {}, 4, 1);
        for (int i = 0; i < 100; i++) {
            stage.submit(task("mx" + i + ".busy.example", "127.0.0.10"));
        }
        stage.submit(task("mx.a.example", "127.0.0.11"));
        stage.submit(task("mx.b.example", "127.0.0.12"));
        assertThat(probe.runningOn("127.0.0.10")).isEqualTo(1);
        assertThat(probe.runningOn("127.0.0.11")).isEqualTo(1);
        assertThat(probe.runningOn("127.0.0.12")).isEqualTo(1);
    }

    @Test
    void neverMoreActiveThanTheLimit() {
        ManualProbe probe = new ManualProbe();
        MailServerStage stage = new MailServerStage(probe, r -> {}, 3, 1);
        for (int i = 0; i < 10; i++) {
            stage.submit(task("mx.example", "127.0.1." + i));
        }
        assertThat(probe.running).hasSize(3);
        assertThat(stage.queued()).isEqualTo(7);
        probe.finishAll();
        assertThat(probe.running).hasSize(3);
        probe.finishAll();
        probe.finishAll();
        probe.finishAll();
        assertThat(probe.calls).hasValue(10);
        assertThat(stage.active()).isZero();
    }

    @Test
    void severalConnectionsPerAddressWhenAllowed() {
        ManualProbe probe = new ManualProbe();
        MailServerStage stage = new MailServerStage(probe, r -> {}, 64, 2);
        for (int i = 0; i < 6; i++) {
            stage.submit(task("mx" + i + ".example", "127.0.0.10"));
        }
        assertThat(probe.runningOn("127.0.0.10")).isEqualTo(2);
        probe.finish(probe.running.keySet().iterator().next());
        assertThat(probe.runningOn("127.0.0.10")).isEqualTo(2);
    }

    @Test
    void aNewRoundProbesAgain() throws Exception {
        List<MailServerResult> published = new CopyOnWriteArrayList<>();
        MailServerStage stage = new MailServerStage(asTask(t -> CompletableFuture.completedFuture(result(t))),
                published::add, 64, 1);
        stage.submit(task("scan-1", "mx.example", "127.0.0.10"));
        stage.submit(task("scan-1", "mx.example", "127.0.0.10"));
        stage.submit(task("scan-2", "mx.example", "127.0.0.10"));
        assertThat(stage.awaitIdle(5, TimeUnit.SECONDS)).isTrue();
        assertThat(published).extracting(MailServerResult::getScanId).containsExactly("scan-1", "scan-2");
    }

    @Test
    void aFailingProbeOrPublisherNeverStallsTheStage() throws Exception {
        MailServerStage stage = new MailServerStage(asTask(t -> {
            if (t.getHost().startsWith("bug")) {
                throw new IllegalStateException("bug");
            }
            return CompletableFuture.failedFuture(new RuntimeException("boom"));
        }), r -> {
            throw new IllegalStateException("sink down");
        }, 2, 1);
        for (int i = 0; i < 20; i++) {
            stage.submit(task((i % 2 == 0 ? "bug" : "mx") + i + ".example", "127.0.0." + (i % 3 + 1)));
        }
        assertThat(stage.awaitIdle(5, TimeUnit.SECONDS)).isTrue();
        assertThat(stage.probed()).isEqualTo(20);
    }

    @Test
    void aTaskWithoutAnIpAddressGetsAnErrorRowAndNoProbe() throws Exception {
        List<MailServerResult> published = new CopyOnWriteArrayList<>();
        ManualProbe probe = new ManualProbe();
        MailServerStage stage = new MailServerStage(probe, published::add, 4, 1);
        stage.submit(task("mx.example", "not-an-ip")).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(probe.calls).hasValue(0);
        assertThat(published).singleElement().satisfies(r -> {
            assertThat(r.getConnect()).isEqualTo(ConnectStatus.error);
            assertThat(r.getIp()).isEqualTo("not-an-ip");
        });
    }

    @Test
    void theTargetCarriesTheTasksPortAndTheAddressInCanonicalText() throws Exception {
        List<MailServerTarget> probed = new CopyOnWriteArrayList<>();
        MailServerStage stage = new MailServerStage((scanId, target) -> {
            probed.add(target);
            return CompletableFuture.completedFuture(result(target.toTask(scanId, Instant.EPOCH)));
        }, r -> {}, 4, 1);
        stage.submit(MxProbeTask.newBuilder(task("MX.Example.", "2001:DB8:0:0:0:0:0:25")).setPort(2525).build());
        assertThat(stage.awaitIdle(5, TimeUnit.SECONDS)).isTrue();
        assertThat(probed).singleElement().satisfies(t -> {
            assertThat(t.host()).isEqualTo("mx.example");
            assertThat(t.port()).isEqualTo(2525);
            assertThat(t.ipText()).isEqualTo("2001:db8::25");
        });
    }

    @Test
    void cancellingQueuedPairsFailsTheirTasksAsNotStartedLeavesRunningOnesAndForgetsThePairs() throws Exception {
        ManualProbe probe = new ManualProbe();
        List<MailServerResult> published = new CopyOnWriteArrayList<>();
        MailServerStage stage = new MailServerStage(probe, published::add, 10, 1);
        MxProbeTask running = task("a.example", "127.0.0.20");
        MxProbeTask queued = task("b.example", "127.0.0.20"); // same IP: waits for the gate's one connection
        MxProbeTask sharing = task("b.example", "127.0.0.20");
        var runningDone = stage.submit(running).toCompletableFuture();
        var queuedDone = stage.submit(queued).toCompletableFuture();
        var sharingDone = stage.submit(sharing).toCompletableFuture();
        assertThat(probe.calls).hasValue(1);

        List<MxProbeTask> cancelled = stage.cancelQueued(List.of(running, queued));

        assertThat(cancelled).containsExactly(queued);
        assertThat(queuedDone).isCompletedExceptionally();
        assertThat(sharingDone).as("a task sharing the cancelled pair").isCompletedExceptionally();
        assertThat(queuedDone).failsWithin(java.time.Duration.ZERO)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingRootCause().isInstanceOf(io.mailcensus.worker.loop.NotStartedException.class);
        probe.finishAll();
        assertThat(runningDone).succeedsWithin(java.time.Duration.ofSeconds(1));
        assertThat(stage.awaitIdle(1, TimeUnit.SECONDS)).isTrue();
        assertThat(probe.calls).as("the cancelled pair did not start").hasValue(1);

        stage.submit(task("b.example", "127.0.0.20")); // the partition came back: probed now
        assertThat(probe.calls).hasValue(2);
    }

    @Test
    void abandoningEveryQueuedProbeLetsTheStageBeIdleOnceTheRunningOnesFinish() throws Exception {
        ManualProbe probe = new ManualProbe();
        MailServerStage stage = new MailServerStage(probe, r -> {}, 10, 1);
        for (int i = 0; i < 5; i++) {
            stage.submit(task("h" + i + ".example", "127.0.0.21"));
        }

        assertThat(stage.abandonQueued()).isEqualTo(4);
        assertThat(stage.queued()).isZero();
        probe.finishAll();
        assertThat(stage.awaitIdle(1, TimeUnit.SECONDS)).isTrue();
        assertThat(probe.calls).hasValue(1);
    }

    @Test
    void addressesOfOneIpv6Slash64WaitInOneQueueButArePairsOfTheirOwn() throws Exception {
        ManualProbe probe = new ManualProbe();
        List<MailServerResult> published = new CopyOnWriteArrayList<>();
        MailServerStage stage = new MailServerStage(probe, published::add, 64, 1);
        stage.submit(task("mx1.example", "2001:db8:0:25::1"));
        stage.submit(task("mx1.example", "2001:db8:0:25::2")); // same /64: one server, waits its turn
        stage.submit(task("mx1.example", "2001:db8:0:26::1")); // another /64
        assertThat(probe.calls).hasValue(2);
        probe.finish(task("mx1.example", "2001:db8:0:25::1"));
        assertThat(probe.calls).hasValue(3); // a probe of its own: the round cache is per exact pair
        probe.finishAll();
        assertThat(stage.awaitIdle(1, TimeUnit.SECONDS)).isTrue();
        assertThat(published).hasSize(3);
    }
}
