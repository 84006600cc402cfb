package io.mailcensus.worker.politeness;

import io.mailcensus.core.name.GateKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One /64 is one server for the gates; a caller may give up its place before a permit comes. */
class GateKeyAndGiveUpTest {

    private final ManualScheduler clock = new ManualScheduler();

    private static InetAddress ip(String text) {
        return InetAddress.ofLiteral(text);
    }

    @Test
    void anIpv6AddressIsItsSlash64AndAnIpv4AddressItself() {
        assertThat(GateKey.of(ip("2001:db8:1:2:aaaa:bbbb:cccc:dddd"))).isEqualTo(ip("2001:db8:1:2::"));
        assertThat(GateKey.of(ip("2001:db8:1:2::1"))).isEqualTo(GateKey.of(ip("2001:db8:1:2:ffff::25")));
        assertThat(GateKey.of(ip("2001:db8:1:3::1"))).isNotEqualTo(GateKey.of(ip("2001:db8:1:2::1")));
        assertThat(GateKey.of(ip("192.0.2.25"))).isEqualTo(ip("192.0.2.25"));
    }

    @Test
    void anIpv6AddressThatOnlyWrapsAnIpv4OneSharesThatAddresssGate() {
        assertThat(GateKey.of(ip("64:ff9b::c000:219"))).isEqualTo(ip("192.0.2.25")); // NAT64
        assertThat(GateKey.of(ip("::192.0.2.25"))).isEqualTo(ip("192.0.2.25")); // IPv4-compatible
        assertThat(GateKey.of(ip("::ffff:192.0.2.25"))).isEqualTo(ip("192.0.2.25")); // IPv4-mapped
        // but NAT64 of two different IPv4 addresses are two servers, not one /64
        assertThat(GateKey.of(ip("64:ff9b::c000:21a"))).isNotEqualTo(GateKey.of(ip("64:ff9b::c000:219")));
    }

    @Test
    void addressesOfOneSlash64ShareOneGateAndItsQuarantine() {
        PolitenessSettings settings = new PolitenessSettings(1, 6, 0, Duration.ofMinutes(5), Duration.ofSeconds(1),
                Duration.ofSeconds(1), 2, Duration.ofMinutes(5));
        HostGates gates = new HostGates(settings, clock);
        for (int i = 1; i <= 2; i++) {
            clock.advance(Duration.ofMinutes(1));
            Permit permit = gates.tryAcquire(ip("2001:db8:0:25::" + i)).orElseThrow();
            permit.close(Outcome.TIMEOUT); // a tarpit at a fresh address of the same /64 each time
        }
        assertThat(gates.isQuarantined(ip("2001:db8:0:25::99"))).isTrue();
        assertThat(gates.isQuarantined(ip("2001:db8:0:26::1"))).isFalse();
        assertThat(gates.trackedHosts()).isEqualTo(1);
    }

    @Test
    void aCallerThatGivesUpWhileWaitingNeverConnectsAndFreesItsPlace() throws Exception {
        HostGates gates = new HostGates(PolitenessSettings.defaults(), clock);
        InetAddress mx = ip("192.0.2.25");
        Permit holder = gates.tryAcquire(mx).orElseThrow();
        CompletableFuture<String> giveUp = new CompletableFuture<>();
        AtomicInteger connected = new AtomicInteger();
        CompletableFuture<String> waiting = gates.<String>withPermit(mx, giveUp, permit -> {
            connected.incrementAndGet();
            return CompletableFuture.completedFuture("talked");
        }).toCompletableFuture();
        assertThat(gates.state(mx).orElseThrow().waiting()).isEqualTo(1);

        giveUp.complete("budget spent");

        assertThat(waiting).isCompletedExceptionally();
        try {
            waiting.get();
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(GaveUpException.class).hasMessage("budget spent");
        }
        holder.close();
        clock.advance(Duration.ofMinutes(1));
        assertThat(connected).hasValue(0);
        assertThat(gates.state(mx).orElseThrow().active()).isZero();
    }

    @Test
    void givingUpAfterThePermitCameChangesNothing() {
        HostGates gates = new HostGates(PolitenessSettings.defaults(), clock);
        CompletableFuture<String> giveUp = new CompletableFuture<>();
        CompletableFuture<String> conversation = new CompletableFuture<>();
        CompletableFuture<String> probe = gates.<String>withPermit(ip("192.0.2.25"), giveUp, permit -> conversation)
                .toCompletableFuture();
        giveUp.complete("budget spent");
        conversation.complete("talked");
        assertThat(probe).isCompletedWithValue("talked");
    }
}
