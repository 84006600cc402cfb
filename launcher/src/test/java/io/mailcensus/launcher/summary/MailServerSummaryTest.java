package io.mailcensus.launcher.summary;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.ConnectStatus;
import io.mailcensus.schemas.MailServerResult;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MailServerSummaryTest {

    private static MailServerResult pair(String ip, ConnectStatus connect, Boolean daneValid) {
        return MailServerResult.newBuilder().setScanId("s").setHost("mx1.provider.example").setIp(ip)
                .setProbedAt(Instant.EPOCH).setConnect(connect).setTlsaStatus(CheckStatus.present)
                .setDaneValid(daneValid).build();
    }

    @Test
    void anAddressWithoutAVerdictDoesNotMakeAValidHostInvalid() {
        String out = MailServerSummary.render(List.of(pair("192.0.2.1", ConnectStatus.ok, true),
                pair("2001:db8::1", ConnectStatus.opted_out, null)));

        assertThat(out).contains("TLSA on all MX hosts, all valid");
    }

    @Test
    void oneFailedAddressMakesItsHostInvalid() {
        String out = MailServerSummary.render(List.of(pair("192.0.2.1", ConnectStatus.ok, true),
                pair("192.0.2.2", ConnectStatus.ok, false)));

        assertThat(out).contains("TLSA on all MX hosts, 0 valid");
    }

    @Test
    void aServersErrorTextIsEscaped() {
        MailServerResult hostile = MailServerResult.newBuilder(pair("192.0.2.3", ConnectStatus.ok, null))
                .setError("REJECTED at GREETING: 421 \u001b[31mbusy\r\n").build();

        String out = MailServerSummary.render(List.of(hostile));

        assertThat(out).doesNotContain("\u001b", "\r").contains("421 \\x1b[31mbusy\\x0d\\x0a");
    }
}
