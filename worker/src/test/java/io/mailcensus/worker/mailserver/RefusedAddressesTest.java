package io.mailcensus.worker.mailserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.schemas.ConnectStatus;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.schemas.MxProbeTask;
import io.mailcensus.worker.net.AddressPolicy;
import io.mailcensus.worker.smtp.MailServerTarget;
import io.mailcensus.worker.optout.OptOutList;
import io.mailcensus.worker.politeness.HostGates;
import io.mailcensus.worker.politeness.PolitenessSettings;
import io.mailcensus.worker.politeness.Scheduler;
import io.mailcensus.worker.tls.CertificateVerdicts;
import io.mailcensus.worker.tls.TrustStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** MX addresses a hostile zone points at the scanner's own network are never connected to. */
class RefusedAddressesTest {

    private final AtomicInteger connections = new AtomicInteger();

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ::ffff:127.0.0.1  | opted_out | policy: loopback
            0.0.0.0           | opted_out | policy: unspecified
            10.9.8.7          | opted_out | policy: private
            64:ff9b::7f51:501 | opted_out |
            ::127.81.5.1      | opted_out |
            64:ff9b::c633:6407| opted_out |
            """)
    void areStoredNotProbedWithTheReason(String ip, ConnectStatus status, String error) throws Exception {
        MailServerProber prober = new MailServerProber(target -> {
            connections.incrementAndGet();
            return CompletableFuture.failedFuture(new AssertionError("connected to " + target));
        }, host -> CompletableFuture.completedFuture(TlsaFacts.absent()),
                new HostGates(PolitenessSettings.defaults(), Scheduler.system()),
                OptOutList.parse("127.81.5.0/24\n198.51.100.7\n"), AddressPolicy.of(List.of(), Set.of()),
                new CertificateVerdicts(TrustStore.of(List.of())), Clock.systemUTC());
        MailServerResult result = prober.probe("s", MailServerTarget.of(MxProbeTask.newBuilder().setScanId("s")
                .setHost("mx.hostile.example").setIp(ip).setPort(25).setEnqueuedAt(Instant.EPOCH).build())).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(connections).hasValue(0);
        assertThat(result.getConnect()).isEqualTo(status);
        // the reason names the class; an unwrapped form adds where it found the IPv4 address
        String stored = result.getError() == null ? null : result.getError().toString();
        if (error == null) {
            assertThat(stored).isNull();
        } else {
            assertThat(stored).startsWith(error);
        }
        assertThat(result.getStarttls()).isNotEqualTo(io.mailcensus.schemas.StarttlsStatus.not_offered);
    }
}
