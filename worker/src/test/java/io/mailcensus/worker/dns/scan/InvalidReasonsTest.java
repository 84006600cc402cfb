package io.mailcensus.worker.dns.scan;

import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.worker.dns.client.DnsSettings;
import io.mailcensus.worker.testing.FakeResolver;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/** BIMI, MTA-STS, TLS-RPT and CAA say why they are invalid; BIMI keeps every v=BIMI1 record. */
class InvalidReasonsTest {

    private final FakeResolver dns = new FakeResolver();
    private final DomainChecker checker = new DomainChecker(DnsSettings.defaults(), List.of(dns), Clock.systemUTC());

    @AfterEach
    void close() {
        checker.close();
        dns.shutdown();
    }

    private DomainResult check(String... records) {
        dns.add("x.ch. 300 IN NS ns.dns.example.").add(records);
        return DomainCheckerTest.check(checker, "x.ch");
    }

    @Test
    void aRecordThatDoesNotParseSaysWhy() {
        DomainResult r = check("default._bimi.x.ch. 300 IN TXT \"v=BIMI1; l=http://x.ch/logo.svg\"",
                "_mta-sts.x.ch. 300 IN TXT \"v=STSv1; id=\"",
                "_smtp._tls.x.ch. 300 IN TXT \"v=TLSRPTv1; rua=\"",
                "x.ch. 300 IN CAA 0 issue \"%%%%%\"", "x.ch. 300 IN CAA 128 tbs \"Unknown\"");
        assertThat(r.getBimi().getStatus()).isEqualTo(CheckStatus.invalid);
        assertThat(r.getBimi().getInvalidReason()).contains("https");
        assertThat(r.getBimi().getRecords()).containsExactly("v=BIMI1; l=http://x.ch/logo.svg");
        assertThat(r.getMtaSts().getStatus()).isEqualTo(CheckStatus.invalid);
        assertThat(r.getMtaSts().getInvalidReason()).isNotBlank();
        assertThat(r.getTlsRpt().getStatus()).isEqualTo(CheckStatus.invalid);
        assertThat(r.getTlsRpt().getInvalidReason()).isNotBlank();
        assertThat(r.getCaa().getInvalidReason()).contains("not a domain name");
        assertThat(r.getCaa().getUnknownCritical()).containsExactly("tbs");
    }

    @Test
    void severalRecordsAreInvalidWithTheCount() {
        DomainResult r = check("default._bimi.x.ch. 300 IN TXT \"v=BIMI1; l=https://x.ch/a.svg\"",
                "default._bimi.x.ch. 300 IN TXT \"v=BIMI1; l=https://x.ch/b.svg\"",
                "_mta-sts.x.ch. 300 IN TXT \"v=STSv1; id=1\"", "_mta-sts.x.ch. 300 IN TXT \"v=STSv1; id=2\"",
                "_smtp._tls.x.ch. 300 IN TXT \"v=TLSRPTv1; rua=mailto:a@x.ch\"",
                "_smtp._tls.x.ch. 300 IN TXT \"v=TLSRPTv1; rua=mailto:b@x.ch\"");
        assertThat(r.getBimi().getInvalidReason()).startsWith("2 BIMI records");
        assertThat(r.getBimi().getRecords()).hasSize(2);
        assertThat(r.getMtaSts().getInvalidReason()).startsWith("2 MTA-STS records");
        assertThat(r.getTlsRpt().getInvalidReason()).startsWith("2 TLS-RPT records");
    }

    @Test
    void validRecordsHaveNoReason() {
        DomainResult r = check("default._bimi.x.ch. 300 IN TXT \"v=BIMI1; l=https://x.ch/a.svg\"",
                "x.ch. 300 IN CAA 0 issue \"letsencrypt.org; validationmethods=dns-01\"");
        assertThat(r.getBimi().getStatus()).isEqualTo(CheckStatus.present);
        assertThat(r.getBimi().getInvalidReason()).isNull();
        assertThat(r.getBimi().getRecords()).hasSize(1);
        assertThat(r.getCaa().getIssue()).containsExactly("letsencrypt.org");
        assertThat(r.getCaa().getInvalidReason()).isNull();
    }
}
