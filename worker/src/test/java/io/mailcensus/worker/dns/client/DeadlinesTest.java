package io.mailcensus.worker.dns.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class DeadlinesTest {

    @Test
    void aFutureThatNeverCompletesFailsWithATimeout() throws Exception {
        CompletableFuture<String> never = new CompletableFuture<>();

        CompletableFuture<String> guarded = Deadlines.within(never, Duration.ofMillis(100));

        assertThat(guarded).isSameAs(never);
        try {
            guarded.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(TimeoutException.class);
        }
        assertThat(guarded).isCompletedExceptionally();
    }

    @Test
    void aFutureThatCompletesInTimeKeepsItsValue() throws Exception {
        CompletableFuture<String> answer = new CompletableFuture<>();

        CompletableFuture<String> guarded = Deadlines.within(answer, Duration.ofMillis(200));
        answer.complete("ok");
        Thread.sleep(400);

        assertThat(guarded.get()).isEqualTo("ok");
    }
}
