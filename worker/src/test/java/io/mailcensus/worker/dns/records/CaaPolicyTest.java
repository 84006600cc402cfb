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

    // RFC 8659's own examples (sections 4.1 to 4.4), in zone-file order.

    @Test
    void rfc8659IssuerWithParameters() {
        CaaPolicy.IssueValue v = CaaPolicy.issueValue("ca1.example.net; account=230123");
        assertThat(v.issuer()).isEqualTo("ca1.example.net");
        assertThat(v.parameters()).containsExactly(java.util.Map.entry("account", "230123"));
        assertThat(v.invalidReason()).isNull();
    }

    @Test
    void severalParametersWithBlanks() {
        CaaPolicy.IssueValue v = CaaPolicy.issueValue(" letsencrypt.org ; validationmethods = dns-01 ; accounturi=https://acme.example/acct/1 ");
        assertThat(v.parameters()).containsExactly(java.util.Map.entry("validationmethods", "dns-01"),
                java.util.Map.entry("accounturi", "https://acme.example/acct/1"));
        assertThat(v.invalidReason()).isNull();
    }

    @Test
    void rfc8659SemicolonAloneForbidsIssuance() {
        CaaPolicy p = CaaPolicy.of(List.of(e("issue", ";")));
        assertThat(p.issue()).containsExactly(CaaPolicy.NO_ISSUER);
        assertThat(p.invalidReason()).isNull();
    }

    @Test
    void rfc8659UnknownCriticalTagIsListed() {
        CaaPolicy p = CaaPolicy.of(List.of(e("issue", "ca.example.net"), new CaaPolicy.Entry(128, "tbs", "Unknown")));
        assertThat(p.unknownCritical()).containsExactly("tbs");
    }

    @Test
    void criticalKnownTagsAndNonCriticalUnknownTagsAreNotListed() {
        CaaPolicy p = CaaPolicy.of(List.of(new CaaPolicy.Entry(128, "issue", "ca.example.net"),
                new CaaPolicy.Entry(128, "IODEF", "mailto:a@example.ch"), e("tbs", "x"),
                new CaaPolicy.Entry(128, "issuemail", "ca.example.net")));
        assertThat(p.unknownCritical()).isEmpty();
    }

    @Test
    void rfc8659MalformedIssuerIsReported() {
        CaaPolicy p = CaaPolicy.of(List.of(e("issue", "%%%%%")));
        assertThat(p.invalidReason()).contains("not a domain name");
        assertThat(CaaPolicy.issueValue("ca.example.net; account").invalidReason()).contains("tag=value");
        assertThat(CaaPolicy.issueValue("-ca.example.net").invalidReason()).isNotNull();
    }

    @Test
    void rfc8659IodefUrls() {
        CaaPolicy p = CaaPolicy.of(List.of(e("iodef", "mailto:security@example.com"), e("iodef", "https://iodef.example.com/")));
        assertThat(p.iodef()).containsExactly("https://iodef.example.com/", "mailto:security@example.com");
        assertThat(p.invalidReason()).isNull();
        assertThat(CaaPolicy.of(List.of(e("iodef", "ftp://x.example/"))).invalidReason()).contains("iodef");
        assertThat(CaaPolicy.of(List.of(e("iodef", "security@example.com"))).invalidReason()).contains("iodef");
    }
}
