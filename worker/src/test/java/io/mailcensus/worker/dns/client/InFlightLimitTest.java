package io.mailcensus.worker.dns.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InFlightLimitTest {

    private static final Executor INLINE = Runnable::run;

    @Test
    void neverMoreThanMaxRunningAndTheRestWaitInOrder() {
        InFlightLimit limit = new InFlightLimit(2, INLINE);
        List<CompletableFuture<String>> pending = new ArrayList<>();
        List<Integer> started = new ArrayList<>();
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            results.add(limit.submit(() -> {
                started.add(n);
                CompletableFuture<String> f = new CompletableFuture<>();
                pending.add(f);
                return f;
            }));
        }
        assertThat(started).containsExactly(0, 1);
        assertThat(limit.running()).isEqualTo(2);
        assertThat(limit.waiting()).isEqualTo(3);

        pending.get(1).complete("one");
        assertThat(started).containsExactly(0, 1, 2);
        assertThat(results.get(1)).isCompletedWithValue("one");

        pending.get(0).completeExceptionally(new IllegalStateException("boom"));
        assertThat(started).as("a failure frees its slot too").containsExactly(0, 1, 2, 3);
        assertThat(results.get(0)).isCompletedExceptionally();

        pending.get(2).complete("two");
        pending.get(3).complete("three");
        pending.get(4).complete("four");
        assertThat(limit.running()).isZero();
        assertThat(limit.waiting()).isZero();
    }

    @Test
    void anOperationThatThrowsFreesItsSlot() {
        InFlightLimit limit = new InFlightLimit(1, INLINE);
        CompletableFuture<String> failed = limit.submit(() -> {
            throw new IllegalArgumentException("bad");
        });
        assertThat(failed).isCompletedExceptionally();
        assertThat(limit.running()).isZero();
        assertThat(limit.submit(() -> CompletableFuture.completedFuture("ok"))).isCompletedWithValue("ok");
    }

    @Test
    void queuedOperationsStartOnTheStarterNotOnTheCompletingThread() {
        List<Runnable> handedOver = new ArrayList<>();
        InFlightLimit limit = new InFlightLimit(1, handedOver::add);
        CompletableFuture<String> first = new CompletableFuture<>();
        limit.submit(() -> first);
        AtomicInteger secondStarted = new AtomicInteger();
        limit.submit(() -> {
            secondStarted.incrementAndGet();
            return CompletableFuture.completedFuture("2");
        });
        first.complete("1");
        assertThat(secondStarted).as("not run by the completing thread").hasValue(0);
        assertThat(handedOver).hasSize(1);
        handedOver.getFirst().run();
        assertThat(secondStarted).hasValue(1);
    }

    @Test
    void manyImmediatelyCompletingOperationsDoNotOverflowTheStack() {
        // With an inline starter a chain of queued operations would recurse; a real executor does not.
        List<Runnable> queue = new ArrayList<>();
        InFlightLimit limit = new InFlightLimit(1, queue::add);
        CompletableFuture<String> blocker = new CompletableFuture<>();
        limit.submit(() -> blocker);
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            results.add(limit.submit(() -> CompletableFuture.completedFuture("x")));
        }
        blocker.complete("go");
        while (!queue.isEmpty()) {
            queue.removeFirst().run();
        }
        assertThat(results).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        assertThat(limit.running()).isZero();
    }
}
