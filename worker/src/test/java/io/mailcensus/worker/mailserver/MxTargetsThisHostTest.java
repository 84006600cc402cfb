package io.mailcensus.worker.mailserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.DomainStatus;
import io.mailcensus.schemas.MxCheck;
import io.mailcensus.schemas.MxHost;
import io.mailcensus.worker.smtp.MailServerTarget;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The addresses that are this host are judged by value, not by their text (issue 15, item 1). */
class MxTargetsThisHostTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1", "::ffff:127.0.0.1", "::127.0.0.1", "64:ff9b::7f00:1",
        "0.0.0.0", "::", "::ffff:0.0.0.0", "64:ff9b::", "0:0:0:0:0:0:0:1"})
    void isThisHost(String address) {
        assertThat(MxTargets.isThisHost(InetAddress.ofLiteral(address))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.2", "127.101.0.25", "::ffff:127.0.0.2", "::2", "192.0.2.1", "2001:db8::1"})
    void isNotThisHost(String address) {
        // other loopback addresses are not localhost (checks.md): the address policy judges them
        assertThat(MxTargets.isThisHost(InetAddress.ofLiteral(address))).isFalse();
    }

    @Test
    void aHostOnThisHostInAnyFormIsNotProbedOthersAre() {
        MxHost host = MxHost.newBuilder().setName("mx.example.").setIpv4(List.of("0.0.0.0", "127.0.0.2"))
                .setIpv6(List.of("::ffff:127.0.0.1", "64:ff9b::7f00:1", "2001:db8::25")).build();
        DomainResult domain = DomainResult.newBuilder().setScanId("s").setDomain("example").setDomainUnicode("example")
                .setStatus(DomainStatus.ok).setStartedAt(Instant.EPOCH).setFinishedAt(Instant.EPOCH)
                .setMx(MxCheck.newBuilder().setHosts(List.of(host)).build()).build();
        assertThat(MxTargets.of(domain, 25)).extracting(MailServerTarget::ipText)
                .containsExactly("127.0.0.2", "2001:db8::25");
    }
}
