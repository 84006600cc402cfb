package io.mailcensus.worker.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.core.port.ResultSink;
import io.mailcensus.core.queue.InProcessWorkQueue;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.DomainStatus;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.schemas.ScanTask;
import io.mailcensus.worker.dns.client.InFlightLimit;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ScanWorkerStopTest {

    private final List<String> published = new CopyOnWriteArrayList<>();
    private final ResultSink sink = new ResultSink() {
        @Override public void publish(DomainResult result) {
            published.add(result.getDomain());
        }
        @Override public void publish(MailServerResult result) {}
        @Override public void flush() {}
    };
    private final List<CompletableFuture<DomainResult>> running = new CopyOnWriteArrayList<>();

    @Test
    void stoppingPublishesTheStartedDomainsAndNothingForTheOnesNotStarted() throws Exception {
        InProcessWorkQueue queue = new InProcessWorkQueue(16);
        for (int i = 0; i < 10; i++) {
            queue.submit(task("d" + i + ".ch"));
        }
        DomainProbe dns = task -> {
            CompletableFuture<DomainResult> f = new CompletableFuture<DomainResult>();
            running.add(f);
            return f.thenApply(ignored -> result(task));
        };
        DomainProbe probe = new StagedProbe(dns, CompletableFuture::completedFuture, new InFlightLimit(2, Runnable::run));
        ScanCounters counters = new ScanCounters();
        ScanWorker worker = new ScanWorker(queue, probe, sink, 10, Clock.systemUTC(), counters);
        Thread loop = Thread.ofPlatform().start(() -> {
            try {
                worker.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        while (counters.started() < 10) {
            Thread.sleep(10);
        }

        assertThat(worker.stop()).isEqualTo(8);
        running.forEach(f -> f.complete(null));
        loop.join();

        assertThat(published).containsExactlyInAnyOrder("d0.ch", "d1.ch");
        assertThat(counters.done()).isEqualTo(2);
        assertThat(counters.notStarted()).isEqualTo(8);
        assertThat(counters.lost()).isZero();
    }

    @Test
    void cancellingTheTasksOfARevokedPartitionDropsOnlyThoseNotStartedAndTheScanGoesOn() throws Exception {
        InProcessWorkQueue queue = new InProcessWorkQueue(16);
        List<ScanTask> tasks = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            tasks.add(task("d" + i + ".ch"));
            queue.submit(tasks.getLast());
        }
        DomainProbe dns = task -> {
            CompletableFuture<DomainResult> f = new CompletableFuture<DomainResult>();
            running.add(f);
            return f.thenApply(ignored -> result(task));
        };
        DomainProbe probe = new StagedProbe(dns, CompletableFuture::completedFuture, new InFlightLimit(2, Runnable::run));
        ScanCounters counters = new ScanCounters();
        ScanWorker worker = new ScanWorker(queue, probe, sink, 10, Clock.systemUTC(), counters);
        Thread loop = Thread.ofPlatform().start(() -> {
            try {
                worker.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        while (counters.started() < 6) {
            Thread.sleep(10);
        }

        // d0, d1 run; d2..d5 wait for a DNS slot; the "revoked partition" holds d0, d3, d4
        List<ScanTask> cancelled = worker.cancelNotStarted(List.of(tasks.get(0), tasks.get(3), tasks.get(4)));

        assertThat(cancelled).extracting(ScanTask::getDomain).containsExactlyInAnyOrder("d3.ch", "d4.ch");
        while (published.size() < 4) {
            running.forEach(f -> f.complete(null));
            Thread.sleep(10);
        }
        worker.stop();
        loop.join();
        assertThat(published).containsExactlyInAnyOrder("d0.ch", "d1.ch", "d2.ch", "d5.ch");
        assertThat(counters.notStarted()).isEqualTo(2);
    }

    @Test
    void stoppingWithADrainLimitReturnsWhileAProbeStillRunsAndLeavesItUnpublished() throws Exception {
        InProcessWorkQueue queue = new InProcessWorkQueue(16);
        queue.submit(task("slow.ch"));
        DomainProbe hanging = task -> {
            CompletableFuture<DomainResult> f = new CompletableFuture<DomainResult>();
            running.add(f);
            return f;
        };
        ScanCounters counters = new ScanCounters();
        ScanWorker worker = new ScanWorker(queue, hanging, sink, 4, Clock.systemUTC(), counters);
        Thread loop = Thread.ofPlatform().start(() -> {
            try {
                worker.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        while (counters.started() < 1) {
            Thread.sleep(10);
        }

        worker.stop(java.time.Duration.ofMillis(200));
        loop.join(5_000);

        assertThat(loop.isAlive()).as("run() returned after the drain limit").isFalse();
        assertThat(published).isEmpty();
    }

    private static ScanTask task(String domain) {
        return ScanTask.newBuilder().setScanId("s").setDomain(domain).setDomainUnicode(domain)
                .setEnqueuedAt(Instant.EPOCH).build();
    }

    private static DomainResult result(ScanTask task) {
        return DomainResult.newBuilder().setScanId(task.getScanId()).setDomain(task.getDomain())
                .setDomainUnicode(task.getDomainUnicode()).setStatus(DomainStatus.ok)
                .setStartedAt(Instant.EPOCH).setFinishedAt(Instant.EPOCH).build();
    }
}
