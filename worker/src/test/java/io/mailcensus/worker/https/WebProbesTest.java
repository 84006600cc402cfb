package io.mailcensus.worker.https;

import io.mailcensus.worker.net.AddressPolicy;
import static io.mailcensus.worker.https.LoopbackHttpsServer.redirect;
import static io.mailcensus.worker.https.LoopbackHttpsServer.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.DomainStatus;
import io.mailcensus.schemas.M365Check;
import io.mailcensus.schemas.MtaStsCheck;
import io.mailcensus.schemas.MxCheck;
import io.mailcensus.schemas.MxRecord;
import io.mailcensus.schemas.SecurityTxtStatus;
import io.mailcensus.worker.optout.OptOutList;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link WebProbes#enrich} end to end against a loopback HTTPS server that plays every host. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebProbesTest {

    private static final InetAddress IP = TestNetwork.loopback(42);
    private static final String DOMAIN = "example.test";
    private static final String STS_HOST = "mta-sts." + DOMAIN;
    private static final String LOGIN = "login.test";
    private static final String OPENID_PATH = "/" + DOMAIN + "/.well-known/openid-configuration";
    private static final String TENANT = "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";
    private static final String POLICY = "version: STSv1\r\nmode: enforce\r\nmx: mx1.example.test\r\nmx: *.mail.example.test\r\nmax_age: 86400\r\n";
    private static final String SECURITY_TXT = "Contact: mailto:security@example.test\nExpires: "
            + TestCertificates.NOW.plus(Duration.ofDays(100)) + "\n";
    private static TestCertificates ca;

    private final TestNetwork network = new TestNetwork().point(DOMAIN, IP).point(STS_HOST, IP).point(LOGIN, IP);
    private LoopbackHttpsServer server;
    private WebProbes probes;
    private Duration deadline = Duration.ofSeconds(10);
    private boolean m365ForAll;

    @BeforeAll
    static void makeCa() {
        ca = new TestCertificates("Web Test CA");
    }

    @BeforeEach
    void serve() throws Exception {
        server = new LoopbackHttpsServer(IP, 0, Map.of(DOMAIN, ca.server(DOMAIN), STS_HOST, ca.server(STS_HOST),
                LOGIN, ca.server(LOGIN)), ca.server("default.test"));
    }

    @AfterEach
    void stop() {
        if (probes != null) {
            probes.close();
        }
        server.close();
    }

    private DomainResult enrich(DomainResult dns) throws Exception {
        HttpsSettings https = HttpsSettings.defaults("mailcensus-test").withAddressPolicy(AddressPolicy.loopbackTestbed()).withPort(server.port())
                .withTimeouts(Duration.ofSeconds(2), deadline).withTrustStore(ca.trustStore());
        WebProbeSettings settings = WebProbeSettings.defaults(https).withM365Host(LOGIN).withM365ForAll(m365ForAll);
        probes = new WebProbes(settings, network, TestNetwork.quickGates(100), Clock.fixed(TestCertificates.NOW, ZoneOffset.UTC));
        return probes.enrich(dns).toCompletableFuture().get(45, TimeUnit.SECONDS);
    }

    /** A scanned domain: MTA-STS record present, two MX hosts, M365 evidence. */
    private static DomainResult.Builder dns() {
        return DomainResult.newBuilder()
                .setScanId("scan-1").setDomain(DOMAIN).setDomainUnicode(DOMAIN).setStatus(DomainStatus.ok)
                .setStartedAt(TestCertificates.NOW).setFinishedAt(TestCertificates.NOW)
                .setMx(MxCheck.newBuilder().setStatus(CheckStatus.present).setRecords(List.of(
                        new MxRecord(10, "mx1.example.test"), new MxRecord(20, "b.mail.example.test"))).build())
                .setMtaSts(MtaStsCheck.newBuilder().setStatus(CheckStatus.present)
                        .setRecords(List.of("v=STSv1; id=20260101")).setId("20260101").build())
                .setM365(M365Check.newBuilder().setStatus(CheckStatus.not_checked).setEvidence(List.of("mx")).build());
    }

    private void serveEverythingWell() {
        server.route(STS_HOST, MtaStsProbe.PATH, text(200, "text/plain; charset=utf-8", POLICY))
                .route(DOMAIN, SecurityTxtProbe.WELL_KNOWN, text(200, "text/plain; charset=utf-8", SECURITY_TXT))
                .route(LOGIN, OPENID_PATH, text(200, "application/json",
                        "{\"token_endpoint\":\"https://login.test/" + TENANT + "/oauth2/token\"}"));
    }

    @Test
    void fillsPolicySecurityTxtAndTenant() throws Exception {
        serveEverythingWell();
        DomainResult r = enrich(dns().build());
        MtaStsCheck sts = r.getMtaSts();
        assertThat(sts.getStatus()).isEqualTo(CheckStatus.present);
        assertThat(sts.getPolicyStatus()).as(sts.getInvalidReason()).isEqualTo(CheckStatus.present);
        assertThat(sts.getPolicy()).isEqualTo(POLICY);
        assertThat(sts.getMode()).isEqualTo("enforce");
        assertThat(sts.getPolicyMx()).containsExactly("mx1.example.test", "*.mail.example.test");
        assertThat(sts.getMaxAge()).isEqualTo(86400L);
        assertThat(sts.getMxMatch()).isTrue();
        assertThat(sts.getEffective()).as("computed by the report").isNull();
        assertThat(r.getSecurityTxt().getStatus()).isEqualTo(SecurityTxtStatus.valid);
        assertThat(r.getSecurityTxt().getUrl()).isEqualTo("https://example.test:" + server.port() + "/.well-known/security.txt");
        assertThat(r.getSecurityTxt().getContact()).isEqualTo("mailto:security@example.test");
        assertThat(r.getSecurityTxt().getExpires()).isNotNull();
        assertThat(r.getM365().getStatus()).isEqualTo(CheckStatus.present);
        assertThat(r.getM365().getTenantId()).isEqualTo(TENANT);
        assertThat(r.getM365().getEvidence()).containsExactly("mx");
        assertThat(server.requests).allSatisfy(seen -> assertThat(seen.userAgent()).isEqualTo("mailcensus-test"));
    }

    @Test
    void anMxOutsideThePolicyIsNoMatch() throws Exception {
        serveEverythingWell();
        DomainResult r = enrich(dns().setMx(MxCheck.newBuilder().setStatus(CheckStatus.present).setRecords(List.of(
                new MxRecord(10, "mx1.example.test"), new MxRecord(20, "a.b.mail.example.test"))).build()).build());
        assertThat(r.getMtaSts().getMxMatch()).isFalse();
    }

    @Test
    void noPolicyFetchWithoutTheRecordAndNoTenantQueryWithoutEvidence() throws Exception {
        serveEverythingWell();
        DomainResult r = enrich(dns()
                .setMtaSts(MtaStsCheck.newBuilder().setStatus(CheckStatus.absent).build())
                .setM365(M365Check.newBuilder().build()).build());
        assertThat(r.getMtaSts().getPolicyStatus()).isEqualTo(CheckStatus.not_checked);
        assertThat(r.getM365().getStatus()).isEqualTo(CheckStatus.not_checked);
        assertThat(server.requests).extracting(LoopbackHttpsServer.Seen::path).containsExactly(SecurityTxtProbe.WELL_KNOWN);
        assertThat(network.asked).containsOnly(DOMAIN);
    }

    @Test
    void m365ForAllQueriesWithoutEvidenceAndAnUnknownTenantIsAbsent() throws Exception {
        m365ForAll = true;
        server.route(LOGIN, OPENID_PATH, text(400, "application/json", "{\"error\":\"invalid_tenant\"}"));
        DomainResult r = enrich(dns().setM365(M365Check.newBuilder().build()).build());
        assertThat(r.getM365().getStatus()).isEqualTo(CheckStatus.absent);
        assertThat(r.getM365().getTenantId()).isNull();
    }

    @Test
    void aMissingPolicyIsAbsentAndTheReasonSaysWhy() throws Exception {
        DomainResult r = enrich(dns().build());
        assertThat(r.getMtaSts().getPolicyStatus()).isEqualTo(CheckStatus.absent);
        assertThat(r.getMtaSts().getInvalidReason()).isEqualTo("policy: HTTP 404");
        assertThat(r.getMtaSts().getMxMatch()).isNull();
    }

    @Test
    void aRedirectedPolicyIsInvalidAndNotFollowed() throws Exception {
        server.route(STS_HOST, MtaStsProbe.PATH, redirect(301, "https://" + DOMAIN + "/mta-sts.txt"))
                .route(DOMAIN, "/mta-sts.txt", text(200, "text/plain", POLICY));
        DomainResult r = enrich(dns().build());
        assertThat(r.getMtaSts().getPolicyStatus()).isEqualTo(CheckStatus.invalid);
        assertThat(server.requests).extracting(LoopbackHttpsServer.Seen::path).doesNotContain("/mta-sts.txt");
    }

    @Test
    void aPolicyOverTheCapOrNotTextPlainIsInvalid() throws Exception {
        server.route(STS_HOST, MtaStsProbe.PATH, text(200, "text/plain", POLICY + "x".repeat(70_000)));
        assertThat(enrich(dns().build()).getMtaSts().getPolicyStatus()).isEqualTo(CheckStatus.invalid);
        probes.close();
        server.route(STS_HOST, MtaStsProbe.PATH, text(200, "text/html", POLICY));
        DomainResult r = enrich(dns().build());
        assertThat(r.getMtaSts().getPolicyStatus()).isEqualTo(CheckStatus.invalid);
        assertThat(r.getMtaSts().getInvalidReason()).contains("text/plain");
        assertThat(r.getMtaSts().getPolicy()).as("the raw body is kept").isEqualTo(POLICY);
    }

    @Test
    void aPolicyHostThatTimesOutIsAnErrorNotAbsent() throws Exception {
        deadline = Duration.ofSeconds(1);
        server.route(STS_HOST, MtaStsProbe.PATH, new LoopbackHttpsServer.Reply.Silent());
        DomainResult r = enrich(dns().build());
        assertThat(r.getMtaSts().getPolicyStatus()).isEqualTo(CheckStatus.error);
        assertThat(r.getMtaSts().getInvalidReason()).startsWith("policy: TIMEOUT");
    }

    @Test
    void aPolicyHostWithoutAddressIsAbsent() throws Exception {
        TestNetwork withoutSts = new TestNetwork().point(DOMAIN, IP).point(LOGIN, IP);
        HttpsSettings https = HttpsSettings.defaults("mailcensus-test").withAddressPolicy(AddressPolicy.loopbackTestbed()).withPort(server.port())
                .withTrustStore(ca.trustStore());
        probes = new WebProbes(WebProbeSettings.defaults(https).withM365Host(LOGIN), withoutSts,
                TestNetwork.quickGates(100), Clock.fixed(TestCertificates.NOW, ZoneOffset.UTC));
        DomainResult r = probes.enrich(dns().build()).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThat(r.getMtaSts().getPolicyStatus()).isEqualTo(CheckStatus.absent);
    }

    @Test
    void anHtmlSoft404IsPresentInvalidUnlessTheLegacyLocationIsValid() throws Exception {
        server.route(DOMAIN, SecurityTxtProbe.WELL_KNOWN, text(200, "text/html", "<html>Page not found</html>"));
        DomainResult r = enrich(dns().build());
        assertThat(r.getSecurityTxt().getStatus()).isEqualTo(SecurityTxtStatus.present_invalid);
        probes.close();
        server.route(DOMAIN, SecurityTxtProbe.LEGACY, text(200, "text/plain", SECURITY_TXT));
        r = enrich(dns().build());
        assertThat(r.getSecurityTxt().getStatus()).isEqualTo(SecurityTxtStatus.valid);
        assertThat(r.getSecurityTxt().getUrl()).endsWith("/security.txt").doesNotContain("well-known");
    }

    @Test
    void securityTxtFollowsRedirectsAndRecordsWhereItWasFound() throws Exception {
        server.route(DOMAIN, SecurityTxtProbe.WELL_KNOWN, redirect(301, "https://" + STS_HOST + "/sec.txt"))
                .route(STS_HOST, "/sec.txt", text(200, "text/plain", SECURITY_TXT));
        DomainResult r = enrich(dns().build());
        assertThat(r.getSecurityTxt().getStatus()).isEqualTo(SecurityTxtStatus.valid);
        assertThat(r.getSecurityTxt().getUrl()).isEqualTo("https://" + STS_HOST + ":" + server.port() + "/sec.txt");
    }

    @Test
    void anExpiredSecurityTxtIsPresentInvalidAndNoneAtAllIsAbsent() throws Exception {
        server.route(DOMAIN, SecurityTxtProbe.WELL_KNOWN, text(200, "text/plain",
                "Contact: mailto:a@example.test\nExpires: 2020-01-01T00:00:00Z\n"));
        DomainResult r = enrich(dns().build());
        assertThat(r.getSecurityTxt().getStatus()).isEqualTo(SecurityTxtStatus.present_invalid);
        assertThat(r.getSecurityTxt().getExpires()).isEqualTo("2020-01-01T00:00:00Z");
        probes.close();
        server.route(DOMAIN, SecurityTxtProbe.WELL_KNOWN, text(404, "text/plain", "no"));
        assertThat(enrich(dns().build()).getSecurityTxt().getStatus()).isEqualTo(SecurityTxtStatus.absent);
    }

    @Test
    void anOptedOutDomainOrAddressIsNeverContacted() throws Exception {
        serveEverythingWell();
        HttpsSettings https = HttpsSettings.defaults("mailcensus-test").withAddressPolicy(AddressPolicy.loopbackTestbed()).withPort(server.port())
                .withTrustStore(ca.trustStore());
        probes = new WebProbes(WebProbeSettings.defaults(https).withM365Host(LOGIN), network,
                TestNetwork.quickGates(100), Clock.fixed(TestCertificates.NOW, ZoneOffset.UTC),
                OptOutList.parse("example.test\n"));
        DomainResult dns = dns().build();
        assertThat(probes.enrich(dns).toCompletableFuture().get(30, TimeUnit.SECONDS)).isEqualTo(dns);
        probes.close();
        probes = new WebProbes(WebProbeSettings.defaults(https).withM365Host(LOGIN), network,
                TestNetwork.quickGates(100), Clock.fixed(TestCertificates.NOW, ZoneOffset.UTC),
                OptOutList.parse(IP.getHostAddress() + "/32\n"));
        DomainResult r = probes.enrich(dns).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThat(r.getSecurityTxt().getStatus()).isEqualTo(SecurityTxtStatus.not_checked);
        assertThat(r.getMtaSts().getPolicyStatus()).isEqualTo(CheckStatus.not_checked);
        assertThat(r.getM365().getStatus()).isEqualTo(CheckStatus.not_checked);
        assertThat(server.connections.get()).isZero();
    }

    @Test
    void aDomainThatWasNotScannedComesBackUnchanged() throws Exception {
        DomainResult nx = dns().setStatus(DomainStatus.nxdomain).build();
        assertThat(enrich(nx)).isEqualTo(nx);
        assertThat(server.connections.get()).isZero();
    }
}
