package io.mailcensus.worker.https;

import io.mailcensus.worker.net.AddressPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.DomainStatus;
import io.mailcensus.schemas.M365Check;
import io.mailcensus.schemas.MtaStsCheck;
import io.mailcensus.schemas.MxCheck;
import io.mailcensus.schemas.MxRecord;
import io.mailcensus.schemas.SecurityTxtStatus;
import io.mailcensus.testbed.pki.TestCa;
import io.mailcensus.testbed.web.WebTestbed;
import io.mailcensus.worker.tls.TrustStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link WebProbes} against a real nginx (OpenSSL on the server side) with certificates from the
 * testbed's CA: policy, security.txt (direct, soft 404, redirected, untrusted), M365 tenant.
 * Names are pointed at the loopback addresses by hand; nothing is resolved by the system.
 */
class WebProbesIT {

    static final TestCa CA = TestCa.create("mailcensus web probes CA");
    static final InetAddress SITES = TestNetwork.loopback(81);
    static final InetAddress LOGIN_IP = TestNetwork.loopback(82);
    static final String LOGIN = "login.test";
    static final String TENANT = "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";
    static final String POLICY = "version: STSv1\r\nmode: enforce\r\nmx: *.example.test\r\nmax_age: 604800\r\n";
    static final String SECURITY_TXT = "Contact: mailto:security@example.test\nContact: https://example.test/security\n"
            + "Expires: " + Instant.now().plus(Duration.ofDays(200)) + "\n";

    @TempDir
    static Path dir;
    static WebTestbed web;
    static WebProbes probes;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(WebTestbed.nginx().isPresent(), "nginx is not installed (Debian package nginx)");
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, SITES)) {
            port = free.getLocalPort();
        }
        web = WebTestbed.start(dir, port, List.of(
                new WebTestbed.Files("mta-sts.good.test", SITES, CA.issue("mta-sts.good.test"),
                        Map.of("/.well-known/mta-sts.txt", WebTestbed.Document.text(POLICY))),
                new WebTestbed.Files("good.test", SITES, CA.issue("good.test"),
                        Map.of("/.well-known/security.txt", new WebTestbed.Document("text/plain; charset=utf-8", SECURITY_TXT))),
                new WebTestbed.SoftNotFound("soft.test", SITES, CA.issue("soft.test")),
                new WebTestbed.Redirect("moved.test", SITES, CA.issue("moved.test"), "https://good.test:" + port),
                new WebTestbed.Files("selfsigned.test", SITES,
                        TestCa.selfSigned("selfsigned.test", List.of("selfsigned.test"), Instant.now().minusSeconds(3600),
                                Instant.now().plus(Duration.ofDays(30))),
                        Map.of("/.well-known/security.txt", WebTestbed.Document.text(SECURITY_TXT))),
                new WebTestbed.Files(LOGIN, LOGIN_IP, CA.issue(LOGIN),
                        Map.of("/good.test/.well-known/openid-configuration", WebTestbed.Document.json(
                                "{\"token_endpoint\":\"https://" + LOGIN + "/" + TENANT + "/oauth2/token\"}")))));
        TestNetwork network = new TestNetwork();
        for (String name : List.of("good.test", "mta-sts.good.test", "soft.test", "moved.test", "selfsigned.test")) {
            network.point(name, SITES);
        }
        network.point(LOGIN, LOGIN_IP);
        HttpsSettings https = HttpsSettings.defaults("mailcensus-it (+https://scanner.example/)").withAddressPolicy(AddressPolicy.loopbackTestbed()).withPort(port)
                .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(10))
                .withTrustStore(TrustStore.of(List.of(CA.certificate())));
        probes = new WebProbes(WebProbeSettings.defaults(https).withM365Host(LOGIN), network,
                TestNetwork.quickGates(100), Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws IOException {
        if (probes != null) {
            probes.close();
        }
        if (web != null) {
            web.close();
        }
    }

    private static DomainResult.Builder scanned(String domain) {
        Instant now = Instant.now();
        return DomainResult.newBuilder().setScanId("it").setDomain(domain).setDomainUnicode(domain)
                .setStatus(DomainStatus.ok).setStartedAt(now).setFinishedAt(now);
    }

    private static DomainResult enrich(DomainResult dns) throws Exception {
        return probes.enrich(dns).toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @Test
    void aWellConfiguredDomain() throws Exception {
        DomainResult r = enrich(scanned("good.test")
                .setMx(MxCheck.newBuilder().setStatus(CheckStatus.present)
                        .setRecords(List.of(new MxRecord(10, "mx1.example.test"))).build())
                .setMtaSts(MtaStsCheck.newBuilder().setStatus(CheckStatus.present).setId("1").build())
                .setM365(M365Check.newBuilder().setEvidence(List.of("mx")).build())
                .build());
        assertThat(r.getMtaSts().getPolicyStatus()).as(r.getMtaSts().getInvalidReason()).isEqualTo(CheckStatus.present);
        assertThat(r.getMtaSts().getMode()).isEqualTo("enforce");
        assertThat(r.getMtaSts().getMaxAge()).isEqualTo(604800L);
        assertThat(r.getMtaSts().getMxMatch()).isTrue();
        assertThat(r.getSecurityTxt().getStatus()).isEqualTo(SecurityTxtStatus.valid);
        assertThat(r.getSecurityTxt().getContact())
                .isEqualTo("mailto:security@example.test https://example.test/security");
        assertThat(r.getM365().getStatus()).isEqualTo(CheckStatus.present);
        assertThat(r.getM365().getTenantId()).isEqualTo(TENANT);
    }

    @Test
    void aSoft404IsPresentInvalidAndAMissingPolicyIsAbsent() throws Exception {
        DomainResult r = enrich(scanned("soft.test")
                .setMtaSts(MtaStsCheck.newBuilder().setStatus(CheckStatus.present).setId("1").build()).build());
        assertThat(r.getSecurityTxt().getStatus()).isEqualTo(SecurityTxtStatus.present_invalid);
        assertThat(r.getMtaSts().getPolicyStatus()).as("mta-sts.soft.test has no address").isEqualTo(CheckStatus.absent);
        assertThat(r.getM365().getStatus()).isEqualTo(CheckStatus.not_checked);
    }

    @Test
    void aRedirectIsFollowedToTheFile() throws Exception {
        DomainResult r = enrich(scanned("moved.test").build());
        assertThat(r.getSecurityTxt().getStatus()).isEqualTo(SecurityTxtStatus.valid);
        assertThat(r.getSecurityTxt().getUrl()).isEqualTo("https://good.test:" + web.port() + "/.well-known/security.txt");
    }

    @Test
    void aFileBehindAnUntrustedCertificateIsPresentButInvalid() throws Exception {
        DomainResult r = enrich(scanned("selfsigned.test").build());
        assertThat(r.getSecurityTxt().getStatus()).isEqualTo(SecurityTxtStatus.present_invalid);
        assertThat(r.getSecurityTxt().getContact()).startsWith("mailto:security@example.test");
    }
}
