package io.mailcensus.worker.dns.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CaaPolicyTest {

    private static CaaPolicy.Entry e(String tag, String value) {
        return new CaaPolicy.Entry(0, tag, value);
    }

    @Test
    void seedDomainIssuers() {
        CaaPolicy p = CaaPolicy.of(List.of(e("issue", "letsencrypt.org"), e("issue", "digicert.com")));
        assertThat(p.issue()).containsExactly("digicert.com", "letsencrypt.org");
        assertThat(p.issuewild()).isEmpty();
        assertThat(p.iodef()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "letsencrypt.org|letsencrypt.org",
            "LetsEncrypt.org|letsencrypt.org",
            "letsencrypt.org; validationmethods=dns-01|letsencrypt.org",
            "  letsencrypt.org  ;accounturi=https://acme.example/acct/1|letsencrypt.org",
            ";|;",
            "''|;",
            "' ; '|;",
            "sectigo.com;|sectigo.com",
    })
    void issuerIsWhatComesBeforeTheFirstSemicolon(String value, String issuer) {
        assertThat(CaaPolicy.issuer(value)).isEqualTo(issuer);
    }

    @Test
    void tagsMatchCaseInsensitively() {
        CaaPolicy p = CaaPolicy.of(List.of(e("ISSUE", "a.example"), e("IssueWild", ";"), e("IODEF", "mailto:sec@example.ch")));
        assertThat(p.issue()).containsExactly("a.example");
        assertThat(p.issuewild()).containsExactly(";");
        assertThat(p.iodef()).containsExactly("mailto:sec@example.ch");
    }

    @Test
    void unknownAndOtherPropertiesAreIgnoredHere() {
        CaaPolicy p = CaaPolicy.of(List.of(new CaaPolicy.Entry(128, "tbs", "x"), e("issuemail", "a.example"),
                e("contactemail", "sec@example.ch"), e("issue", "b.example")));
        assertThat(p.issue()).containsExactly("b.example");
        assertThat(p.issuewild()).isEmpty();
    }

    @Test
    void duplicatesCollapse() {
        CaaPolicy p = CaaPolicy.of(List.of(e("issue", "a.example"), e("issue", "A.example; x=y"), e("iodef", "https://r.example/caa")));
        assertThat(p.issue()).containsExactly("a.example");
        assertThat(p.iodef()).containsExactly("https://r.example/caa");
    }

    @Test
    void noRecordsNoPolicy() {
        CaaPolicy p = CaaPolicy.of(List.of());
        assertThat(p.issue()).isEmpty();
        assertThat(p.issuewild()).isEmpty();
        assertThat(p.iodef()).isEmpty();
    }
}
