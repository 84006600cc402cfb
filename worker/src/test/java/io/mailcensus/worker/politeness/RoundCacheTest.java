package io.mailcensus.worker.politeness;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.worker.smtp.MailServerTarget;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RoundCacheTest {

    private static final MailServerTarget MX1 = new MailServerTarget("MX1.Example.CH.", InetAddress.ofLiteral("192.0.2.25"), 25);

    @Test
    void thousandConcurrentRequestsForOneKeyShareExactlyOneProbe() throws Exception {
        RoundCache<MailServerTarget, String> cache = new RoundCache<>();
        AtomicInteger probes = new AtomicInteger();
        CompletableFuture<String> probeResult = new CompletableFuture<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<CompletionStage<String>>> requests = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 1_000; i++) {
                // A new but equal key each time, as from separate tasks.
                MailServerTarget key = new MailServerTarget("mx1.example.ch", InetAddress.ofLiteral("192.0.2.25"), 25);
                requests.add(threads.submit(() -> {
                    go.await();
                    return cache.computeIfAbsent(key, k -> {
                        probes.incrementAndGet();
                        return probeResult;
                    });
                }));
            }
            go.countDown();
            threads.shutdown();
            assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(probes).hasValue(1);
        probeResult.complete("result");
        for (Future<CompletionStage<String>> request : requests) {
            assertThat(request.get().toCompletableFuture().join()).isEqualTo("result");
        }
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aFailedProbeIsNotRepeatedInTheSameRoundButIsInTheNext() {
        RoundCache<MailServerTarget, String> cache = new RoundCache<>();
        AtomicInteger probes = new AtomicInteger();
        cache.beginRound("scan-1");
        for (int i = 0; i < 3; i++) {
            CompletionStage<String> r = cache.computeIfAbsent(MX1, k -> {
                probes.incrementAndGet();
                throw new IllegalStateException("probe crashed");
            });
            assertThat(r.toCompletableFuture()).isCompletedExceptionally();
        }
        assertThat(probes).hasValue(1);

        cache.beginRound("scan-1");
        cache.computeIfAbsent(MX1, k -> CompletableFuture.completedFuture("again?"));
        assertThat(probes).as("same round id: nothing forgotten").hasValue(1);
        assertThat(cache.get(MX1)).isPresent();

        cache.beginRound("scan-2");
        assertThat(cache.get(MX1)).isEmpty();
        CompletionStage<String> fresh = cache.computeIfAbsent(MX1, k -> {
            probes.incrementAndGet();
            return CompletableFuture.completedFuture("ok");
        });
        assertThat(fresh.toCompletableFuture().join()).isEqualTo("ok");
        assertThat(probes).hasValue(2);
    }

    @Test
    void callersCannotCompleteTheSharedResult() {
        RoundCache<MailServerTarget, String> cache = new RoundCache<>();
        CompletableFuture<String> probe = new CompletableFuture<>();
        CompletionStage<String> first = cache.computeIfAbsent(MX1, k -> probe);
        first.toCompletableFuture().complete("forged"); // a copy: the shared result is untouched
        probe.complete("real");
        assertThat(cache.computeIfAbsent(MX1, k -> null).toCompletableFuture().join()).isEqualTo("real");
    }
}
