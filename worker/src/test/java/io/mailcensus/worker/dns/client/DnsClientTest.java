package io.mailcensus.worker.dns.client;

import static io.mailcensus.worker.testing.FakeResolver.name;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.worker.testing.FakeResolver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class DnsClientTest {

    private final FakeResolver dns = new FakeResolver(Duration.ofMillis(30))
            .add("example.ch. 300 IN MX 10 mx.example.ch.")
            .always("slow.example.ch", Type.TXT, new FakeResolver.Timeout());
    private final DnsClient client = new DnsClient(List.of(dns), DnsSettings.defaults().withRetries(0));

    @AfterEach
    void close() {
        client.close();
        dns.shutdown();
    }

    @Test
    void continuationsRunOnTheClientsThreadsNotOnTheResolversIoThread() {
        String answered = client.query(name("example.ch"), Type.MX)
                .thenApply(a -> Thread.currentThread().getName()).orTimeout(5, TimeUnit.SECONDS).join();
        String failed = client.query(name("slow.example.ch"), Type.TXT)
                .thenApply(a -> Thread.currentThread().getName()).orTimeout(5, TimeUnit.SECONDS).join();
        assertThat(answered).startsWith("mailcensus-dns-").isNotEqualTo(FakeResolver.IO_THREAD);
        assertThat(failed).as("a failed future would otherwise run dependents on the I/O thread")
                .startsWith("mailcensus-dns-");
    }

    @Test
    void failuresComeBackAsAnswersNotExceptions() {
        DnsAnswer a = client.query(name("slow.example.ch"), Type.TXT).orTimeout(5, TimeUnit.SECONDS).join();
        assertThat(a.isTimeout()).isTrue();
        assertThat(a.error().getDetail()).contains("Query timed out");
    }
}
