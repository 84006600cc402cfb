package io.mailcensus.worker.dns.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.MxCheck;
import io.mailcensus.schemas.TargetCheck;
import io.mailcensus.worker.dns.client.DnsAnswer;
import io.mailcensus.worker.dns.client.Query;
import io.mailcensus.worker.testing.FakeResolver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class M365EvidenceReaderTest {

    private static final MxCheck NO_MX = MxCheck.newBuilder().setStatus(CheckStatus.absent).build();
    private static final TargetCheck NO_AUTODISCOVER = TargetCheck.newBuilder().setStatus(CheckStatus.absent).build();

    private static DnsAnswer nodata(String name, int type) {
        return new DnsAnswer(new Query(FakeResolver.name(name), type), DnsAnswer.Outcome.NODATA, List.of(), List.of(), null);
    }

    @Test
    void selectorCnamesIntoOnmicrosoftComAreEvidence() {
        DnsAnswer selector1 = new DnsAnswer(new Query(FakeResolver.name("selector1._domainkey.c.ch"), Type.TXT),
                DnsAnswer.Outcome.NODATA, List.of(),
                List.of(FakeResolver.name("selector1-c-ch._domainkey.c.onmicrosoft.com")), null);
        DnsAnswer selector2 = new DnsAnswer(new Query(FakeResolver.name("selector2._domainkey.c.ch"), Type.TXT),
                DnsAnswer.Outcome.NODATA, List.of(), List.of(FakeResolver.name("s2.elsewhere.example")), null);
        var m365 = M365EvidenceReader.read(NO_MX, NO_AUTODISCOVER, nodata("c.ch", Type.TXT),
                Map.of("selector1", selector1, "selector2", selector2));
        assertThat(m365.getEvidence()).containsExactly("dkim_selector1");
    }

    @Test
    void noEvidenceWithoutMicrosoftRecords() {
        var m365 = M365EvidenceReader.read(NO_MX, NO_AUTODISCOVER, nodata("c.ch", Type.TXT), Map.of());
        assertThat(m365.getEvidence()).isEmpty();
        assertThat(m365.getStatus()).isEqualTo(CheckStatus.not_checked);
    }
}
