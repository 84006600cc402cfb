package io.mailcensus.worker.mailserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.DomainStatus;
import io.mailcensus.schemas.MxCheck;
import io.mailcensus.schemas.MxHost;
import io.mailcensus.worker.optout.OptOutList;
import io.mailcensus.worker.politeness.PolitenessSettings;
import io.mailcensus.worker.smtp.SmtpProbeSettings;
import io.mailcensus.worker.tls.TrustStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MailServerSettingsTest {

    private static DomainResult domain(String name) {
        MxHost host = MxHost.newBuilder().setName("mx." + name).setIpv4(List.of("127.0.0.10")).build();
        return DomainResult.newBuilder().setScanId("s").setDomain(name).setDomainUnicode(name)
                .setStatus(DomainStatus.ok)
                .setStartedAt(Instant.EPOCH).setFinishedAt(Instant.EPOCH)
                .setMx(MxCheck.newBuilder().setHosts(List.of(host)).build()).build();
    }

    private static MailServerSettings settings(boolean enabled, OptOutList optOut) {
        return new MailServerSettings(enabled, SmtpProbeSettings.defaults("scanner.test"), PolitenessSettings.defaults(),
                optOut, TrustStore.of(List.of()), 8);
    }

    @Test
    void aDomainsMailServersAreItsTargets() {
        assertThat(settings(true, OptOutList.empty()).targets(domain("example.test"), Instant.EPOCH))
                .extracting(t -> t.getHost() + " " + t.getIp()).containsExactly("mx.example.test 127.0.0.10");
    }

    @Test
    void noTargetsWithoutSmtpOrForAnOptedOutDomain() {
        assertThat(settings(false, OptOutList.empty()).targets(domain("example.test"), Instant.EPOCH)).isEmpty();
        assertThat(settings(true, OptOutList.parse("example.test\n")).targets(domain("example.test"), Instant.EPOCH))
                .isEmpty();
    }
}
