package io.mailcensus.worker.dns.scan;

import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.DkimKey;
import io.mailcensus.schemas.DkimStatus;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.worker.dns.client.DnsSettings;
import io.mailcensus.worker.testing.FakeResolver;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import static org.assertj.core.api.Assertions.assertThat;

/** DKIM selectors, wildcard and broken-server guards, and DMARC rua authorisation, through the whole scan. */
class DkimAndRuaAuthorisationTest {

    private static final String ED25519 = "9ffTO+krn7kuNrOUoZYtz7z7k3v3ja7+KDcxC3y1mUg=";
    private static final String RSA_1024 =
            "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDX6LPmEIKSqMmW/ZmhOHXqH0xbp3tPtzIRexlKoBvGbDFnpwmxGsEUFtf21nvnrDOa"
            + "BjG5W43+av4lmOb6utht4owKBIhpYvvq7jx74cMYeNyUsXgQU7YKhRkw1/Pqn9zMaRrHxCoeFlzPYzVE5bWZwvc3HLuO8UEXjpzKSStC8QIDAQAB";

    private final FakeResolver dns = new FakeResolver();
    private DomainChecker checker = new DomainChecker(
            DnsSettings.defaults().withTimeout(Duration.ofSeconds(1)), List.of(dns), Clock.systemUTC());

    @AfterEach
    void close() {
        checker.close();
        dns.shutdown();
    }

    private DomainResult check(String domain) {
        return DomainCheckerTest.check(checker, domain);
    }

    /** A domain that receives mail, so the selectors are asked. */
    private FakeResolver mailDomain(String d) {
        return dns.add(d + ". 300 IN NS ns.dns.example.", d + ". 300 IN MX 10 mx." + d + ".",
                "mx." + d + ". 300 IN A 192.0.2.1");
    }

    @Test
    void keyAtAKnownSelectorIsFoundWithTypeAndSize() {
        mailDomain("signed.ch").add(
                "google._domainkey.signed.ch. 300 IN TXT \"v=DKIM1; k=rsa; p=" + RSA_1024 + "\"",
                "k1._domainkey.signed.ch. 300 IN TXT \"v=DKIM1; k=ed25519; p=" + ED25519 + "\"")
                .exists("_domainkey.signed.ch");
        DomainResult r = check("signed.ch");
        assertThat(r.getDkim().getStatus()).isEqualTo(DkimStatus.found);
        assertThat(r.getDkim().getNode()).isEqualTo(CheckStatus.present);
        assertThat(r.getDkim().getKeys()).extracting(DkimKey::getSelector, DkimKey::getKeyType, DkimKey::getBits, DkimKey::getValid)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("google", "rsa", 1024, true),
                        org.assertj.core.groups.Tuple.tuple("k1", "ed25519", 256, true));
        assertThat(r.getErrors()).isEmpty();
    }

    @Test
    void microsoft365SelectorCnameIsFollowedAndNoted() {
        mailDomain("contoso.ch").add(
                "selector1._domainkey.contoso.ch. 300 IN CNAME selector1-contoso-ch._domainkey.contoso.onmicrosoft.com.",
                "selector1-contoso-ch._domainkey.contoso.onmicrosoft.com. 300 IN TXT \"v=DKIM1; k=rsa; p=" + RSA_1024 + "\"",
                "selector2._domainkey.contoso.ch. 300 IN CNAME selector2-contoso-ch._domainkey.contoso.onmicrosoft.com.")
                .exists("_domainkey.contoso.ch");
        DomainResult r = check("contoso.ch");
        assertThat(r.getDkim().getStatus()).isEqualTo(DkimStatus.found);
        assertThat(r.getDkim().getKeys()).singleElement().satisfies(k -> assertThat(k.getSelector()).isEqualTo("selector1"));
        assertThat(r.getDkim().getNotes()).contains(
                "selector1: CNAME to selector1-contoso-ch._domainkey.contoso.onmicrosoft.com",
                "selector2: CNAME to selector2-contoso-ch._domainkey.contoso.onmicrosoft.com (nxdomain)");
    }

    @Test
    void aCnameWithoutKeyMakesDkimLikely() {
        mailDomain("fresh.ch").add(
                "selector1._domainkey.fresh.ch. 300 IN CNAME selector1-fresh-ch._domainkey.fresh.onmicrosoft.com.");
        assertThat(check("fresh.ch").getDkim().getStatus()).isEqualTo(DkimStatus.likely);
    }

    @Test
    void aWildcardAnsweringEverySelectorIsNotDkim() {
        mailDomain("wild.ch").add("*.wild.ch. 300 IN TXT \"v=DKIM1; p=" + RSA_1024 + "\"");
        DomainResult r = check("wild.ch");
        assertThat(r.getDkim().getStatus()).isEqualTo(DkimStatus.unknown);
        assertThat(r.getDkim().getKeys()).isEmpty();
        assertThat(r.getDkim().getNotes()).anySatisfy(n -> assertThat(n).contains("wildcard").contains("23 look-alike"));
    }

    @Test
    void aWildcardOfAnotherTypeDoesNotMakeTheNodeExist() {
        mailDomain("webwild.ch").add("*.webwild.ch. 300 IN A 192.0.2.80");
        DomainResult r = check("webwild.ch");
        assertThat(r.getDkim().getNode()).isEqualTo(CheckStatus.present); // what DNS said
        assertThat(r.getDkim().getStatus()).isEqualTo(DkimStatus.unknown); // what it means
    }

    @Test
    void aWildcardCnameIsDiscountedToo() {
        mailDomain("cnamewild.ch").add("*.cnamewild.ch. 300 IN CNAME parking.example.",
                "parking.example. 300 IN TXT \"v=DKIM1; p=" + RSA_1024 + "\"");
        DomainResult r = check("cnamewild.ch");
        assertThat(r.getDkim().getStatus()).isEqualTo(DkimStatus.unknown);
        assertThat(r.getDkim().getKeys()).isEmpty();
    }

    @Test
    void aRealKeyNextToAWildcardStillCounts() {
        mailDomain("mixed.ch").add("*.mixed.ch. 300 IN TXT \"v=spf1 -all\"",
                "google._domainkey.mixed.ch. 300 IN TXT \"v=DKIM1; k=ed25519; p=" + ED25519 + "\"");
        DomainResult r = check("mixed.ch");
        assertThat(r.getDkim().getStatus()).isEqualTo(DkimStatus.found);
        assertThat(r.getDkim().getKeys()).singleElement().satisfies(k -> assertThat(k.getSelector()).isEqualTo("google"));
    }

    @Test
    void onlyARevokedKeyIsLikelyNotFound() {
        mailDomain("revoked.ch").add("default._domainkey.revoked.ch. 300 IN TXT \"v=DKIM1; p=\"");
        DomainResult r = check("revoked.ch");
        assertThat(r.getDkim().getStatus()).isEqualTo(DkimStatus.likely);
        assertThat(r.getDkim().getKeys()).singleElement().satisfies(k -> {
            assertThat(k.getRevoked()).isTrue();
            assertThat(k.getValid()).isTrue();
        });
    }

    @Test
    void anInvalidKeyRecordIsKeptWithItsReason() {
        mailDomain("bad.ch").add("mail._domainkey.bad.ch. 300 IN TXT \"v=DKIM1; k=rsa; p=AAAA\"");
        DomainResult r = check("bad.ch");
        assertThat(r.getDkim().getStatus()).isEqualTo(DkimStatus.likely);
        assertThat(r.getDkim().getKeys()).singleElement().satisfies(k -> assertThat(k.getValid()).isFalse());
        assertThat(r.getDkim().getNotes()).anySatisfy(n -> assertThat(n).startsWith("mail: invalid key record"));
    }

    @Test
    void noSignOfMailSkipsTheSelectors() {
        dns.add("parked.ch. 300 IN NS ns.dns.example.", "parked.ch. 300 IN A 192.0.2.9");
        DomainResult r = check("parked.ch");
        assertThat(r.getDkim().getStatus()).isEqualTo(DkimStatus.unknown);
        assertThat(r.getDkim().getNotes()).anySatisfy(n -> assertThat(n).startsWith("selectors not asked"));
        assertThat(dns.count("TXT", "selector1._domainkey.parked.ch")).isZero();
    }

    @Test
    void aDomainkeyNxdomainSkipsTheSelectorsByDefault() {
        mailDomain("plain.ch");
        DomainResult r = check("plain.ch");
        assertThat(dns.count("TXT", "selector1._domainkey.plain.ch")).isZero();
        assertThat(r.getDkim().getStatus()).isEqualTo(DkimStatus.unknown);
        assertThat(r.getDkim().getNotes()).singleElement().satisfies(n -> assertThat(n)
                .isEqualTo("selectors not asked: _domainkey answered NXDOMAIN, so nothing exists below it (RFC 8020)"));
    }

    @Test
    void aDomainkeyThatTimesOutNeverSkipsTheSelectors() {
        mailDomain("slow.ch").always("_domainkey.slow.ch", Type.TXT, new FakeResolver.Rcoded(Rcode.SERVFAIL));
        check("slow.ch");
        assertThat(dns.count("TXT", "selector1._domainkey.slow.ch")).isOne();
    }

    @Test
    void aKeyBehindABrokenEmptyNonTerminalIsFoundOnlyWhenAskedAfterNxdomain() {
        // The server answers NXDOMAIN for _domainkey although a selector exists below it.
        mailDomain("broken.ch").add("google._domainkey.broken.ch. 300 IN TXT \"v=DKIM1; k=rsa; p=" + RSA_1024 + "\"")
                .always("_domainkey.broken.ch", Type.TXT, new FakeResolver.Rcoded(Rcode.NXDOMAIN));
        assertThat(check("broken.ch").getDkim().getStatus()).isEqualTo(DkimStatus.unknown);

        checker.close();
        checker = new DomainChecker(DnsSettings.defaults().withDkimAfterNxdomain(true), List.of(dns), Clock.systemUTC());
        DomainResult r = check("broken.ch");
        assertThat(r.getDkim().getStatus()).isEqualTo(DkimStatus.found);
        assertThat(r.getDkim().getNode()).isEqualTo(CheckStatus.absent);
        assertThat(r.getDkim().getNotes()).anySatisfy(n -> assertThat(n).contains("NXDOMAIN").contains("RFC 8020"));
    }

    @Test
    void dottedAndProviderSelectorsFromTheSettings() {
        checker.close();
        checker = new DomainChecker(DnsSettings.defaults().withDkimSelectors(List.of("s1.mail", "sendgrid")),
                List.of(dns), Clock.systemUTC());
        mailDomain("dotted.ch").add("s1.mail._domainkey.dotted.ch. 300 IN TXT \"p=" + RSA_1024 + "\"");
        DomainResult r = check("dotted.ch");
        assertThat(r.getDkim().getStatus()).isEqualTo(DkimStatus.found);
        assertThat(r.getDkim().getKeys()).singleElement().satisfies(k -> assertThat(k.getSelector()).isEqualTo("s1.mail"));
        assertThat(dns.count("TXT", "sendgrid._domainkey.dotted.ch")).isOne();
    }

    @Test
    void everySelectorFailingIsAnError() {
        checker.close();
        checker = new DomainChecker(DnsSettings.defaults().withDkimAfterNxdomain(true), List.of(dns), Clock.systemUTC());
        mailDomain("flaky.ch").everythingBelow("_domainkey.flaky.ch", new FakeResolver.Rcoded(Rcode.SERVFAIL));
        DomainResult r = check("flaky.ch");
        assertThat(r.getDkim().getNode()).isEqualTo(CheckStatus.absent);
        assertThat(r.getDkim().getStatus()).isEqualTo(DkimStatus.error);
    }

    // --- DMARC rua authorisation (RFC 7489 7.1)

    private FakeResolver dmarc(String d, String rua) {
        return mailDomain(d).add("_dmarc." + d + ". 300 IN TXT \"v=DMARC1; p=none; rua=" + rua + "\"");
    }

    @Test
    void anAuthorisedExternalDestination() {
        dmarc("shop.ch", "mailto:dmarc@shop.ch,mailto:x@reports.example!10m").add(
                "shop.ch._report._dmarc.reports.example. 300 IN TXT \"v=DMARC1\"");
        DomainResult r = check("shop.ch");
        assertThat(r.getDmarc().getRuaExternalAuthorized()).isTrue();
        assertThat(dns.count("TXT", "shop.ch._report._dmarc.reports.example")).isOne();
    }

    @Test
    void oneUnauthorisedDestinationMakesItFalse() {
        dmarc("shop.ch", "mailto:a@reports.example,mailto:b@other.example").add(
                "shop.ch._report._dmarc.reports.example. 300 IN TXT \"v=DMARC1\"",
                "shop.ch._report._dmarc.other.example. 300 IN TXT \"something else\"");
        assertThat(check("shop.ch").getDmarc().getRuaExternalAuthorized()).isFalse();
    }

    @Test
    void aMissingAuthorisationRecordIsFalse() {
        dmarc("shop.ch", "mailto:a@reports.example");
        assertThat(check("shop.ch").getDmarc().getRuaExternalAuthorized()).isFalse();
    }

    @Test
    void onlyInternalDestinationsGiveNull() {
        dmarc("shop.ch", "mailto:a@shop.ch,mailto:b@reports.shop.ch,https://r.example/dmarc");
        DomainResult r = check("shop.ch");
        assertThat(r.getDmarc().getRuaExternalAuthorized()).isNull();
        assertThat(dns.log()).noneMatch(q -> q.contains("_report._dmarc"));
    }

    @Test
    void aFailedAuthorisationLookupIsUnknown() {
        dmarc("shop.ch", "mailto:a@reports.example").always("shop.ch._report._dmarc.reports.example", Type.TXT,
                new FakeResolver.Rcoded(Rcode.SERVFAIL));
        DomainResult r = check("shop.ch");
        assertThat(r.getDmarc().getRuaExternalAuthorized()).isNull();
        assertThat(r.getErrors()).anySatisfy(e -> assertThat(e.getQname()).isEqualTo("shop.ch._report._dmarc.reports.example"));
    }
}
