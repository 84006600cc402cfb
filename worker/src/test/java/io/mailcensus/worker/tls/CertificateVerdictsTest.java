package io.mailcensus.worker.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.schemas.Certificate;
import io.mailcensus.schemas.MailServerResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateVerdictsTest {

    static final TestPki.Issued ROOT = TestPki.root("CN=Test Root,O=Test Trust", TestPki.rsa(2048));
    static final TestPki.Issued CA = TestPki.intermediate("C=CH,O=Test Issuer Org,CN=Test Issuing CA", // encoded in this order, as real CAs do
            TestPki.ec("secp384r1"), ROOT);
    static final TestPki.Issued LEAF = TestPki.leaf("CN=mx1.example.ch", TestPki.ec("secp256r1"), CA,
            "mx1.example.ch", "mx2.example.ch");

    final CertificateVerdicts verdicts = new CertificateVerdicts(TrustStore.of(List.of(ROOT.cert())));

    @Test
    void valid_chain_to_the_trust_store_passes_every_check() {
        CertificateVerdict v = verdicts.evaluate(List.of(LEAF.cert(), CA.cert()), "mx1.example.ch", TestPki.NOW);

        assertThat(v.pkixValid()).as(v.pkixError()).isTrue();
        assertThat(v.pkixError()).isNull();
        assertThat(v.hostnameMatch()).isTrue();
        assertThat(v.expired()).isFalse();
        assertThat(v.chain()).hasSize(2);
    }

    @Test
    void presented_order_and_extra_certificates_do_not_matter() {
        X509Certificate stranger = TestPki.root("CN=Unrelated", TestPki.ec("secp256r1")).cert();
        CertificateVerdict v = verdicts.evaluate(List.of(LEAF.cert(), stranger, ROOT.cert(), CA.cert()),
                "mx2.example.ch", TestPki.NOW);

        assertThat(v.pkixValid()).as(v.pkixError()).isTrue();
    }

    @Test
    void expired_leaf_is_expired_and_not_pkix_valid() {
        TestPki.Issued old = TestPki.leaf("CN=mx1.example.ch", TestPki.ec("secp256r1"), CA,
                TestPki.NOW.minus(400, ChronoUnit.DAYS), TestPki.NOW.minus(10, ChronoUnit.DAYS), "mx1.example.ch");

        CertificateVerdict v = verdicts.evaluate(List.of(old.cert(), CA.cert()), "mx1.example.ch", TestPki.NOW);

        assertThat(v.expired()).isTrue();
        assertThat(v.pkixValid()).isFalse();
        assertThat(v.pkixError()).contains("expired");
        assertThat(v.hostnameMatch()).isTrue();
    }

    @Test
    void not_yet_valid_leaf_is_not_pkix_valid_but_not_expired() {
        TestPki.Issued future = TestPki.leaf("CN=mx1.example.ch", TestPki.ec("secp256r1"), CA,
                TestPki.NOW.plus(1, ChronoUnit.DAYS), TestPki.NOW.plus(90, ChronoUnit.DAYS), "mx1.example.ch");

        CertificateVerdict v = verdicts.evaluate(List.of(future.cert(), CA.cert()), "mx1.example.ch", TestPki.NOW);

        assertThat(v.expired()).isFalse();
        assertThat(v.pkixValid()).isFalse();
        assertThat(v.pkixError()).contains("not yet valid");
    }

    @Test
    void wrong_name_fails_only_the_hostname_check() {
        CertificateVerdict v = verdicts.evaluate(List.of(LEAF.cert(), CA.cert()), "mail.other.ch", TestPki.NOW);

        assertThat(v.pkixValid()).isTrue();
        assertThat(v.hostnameMatch()).isFalse();
    }

    @Test
    void wildcard_certificate_covers_one_label_only() {
        TestPki.Issued wild = TestPki.leaf("CN=*.example.ch", TestPki.ec("secp256r1"), CA, "*.example.ch");
        List<X509Certificate> chain = List.of(wild.cert(), CA.cert());

        assertThat(verdicts.evaluate(chain, "mx.example.ch", TestPki.NOW).hostnameMatch()).isTrue();
        assertThat(verdicts.evaluate(chain, "MX.Example.CH.", TestPki.NOW).hostnameMatch()).isTrue();
        assertThat(verdicts.evaluate(chain, "a.mx.example.ch", TestPki.NOW).hostnameMatch()).isFalse();
        assertThat(verdicts.evaluate(chain, "example.ch", TestPki.NOW).hostnameMatch()).isFalse();
    }

    @Test
    void self_signed_certificate_is_not_pkix_valid() {
        TestPki.Issued self = TestPki.selfSignedLeaf("CN=mx1.example.ch", TestPki.ec("secp256r1"), "mx1.example.ch");

        CertificateVerdict v = verdicts.evaluate(List.of(self.cert()), "mx1.example.ch", TestPki.NOW);

        assertThat(v.pkixValid()).isFalse();
        assertThat(v.pkixError()).startsWith("self-signed certificate not in the trust store");
        assertThat(v.hostnameMatch()).isTrue();
        assertThat(v.chain().getFirst().getIssuerOrg()).isNull();
    }

    @Test
    void missing_intermediate_is_not_pkix_valid() {
        CertificateVerdict v = verdicts.evaluate(List.of(LEAF.cert()), "mx1.example.ch", TestPki.NOW);

        assertThat(v.pkixValid()).isFalse();
        assertThat(v.pkixError()).contains("no trusted issuer for CN=Test Issuing CA");
    }

    @Test
    void a_certificate_that_is_itself_in_the_trust_store_is_valid() {
        TestPki.Issued self = TestPki.selfSignedLeaf("CN=mx1.example.ch", TestPki.ec("secp256r1"), "mx1.example.ch");
        CertificateVerdicts pinned = new CertificateVerdicts(TrustStore.of(List.of(self.cert())));

        assertThat(pinned.evaluate(List.of(self.cert()), "mx1.example.ch", TestPki.NOW).pkixValid()).isTrue();
    }

    @Test
    void certificate_records_describe_subject_issuer_key_and_fingerprint() throws Exception {
        Certificate leaf = CertificateRecords.of(LEAF.cert());
        Certificate ca = CertificateRecords.of(CA.cert());

        assertThat(leaf.getSubject()).isEqualTo("CN=mx1.example.ch");
        assertThat(leaf.getSans()).containsExactly("mx1.example.ch", "mx2.example.ch");
        assertThat(leaf.getIssuer()).isEqualTo("CN=Test Issuing CA,O=Test Issuer Org,C=CH");
        assertThat(leaf.getIssuerOrg()).isEqualTo("Test Issuer Org");
        assertThat(leaf.getKeyAlgorithm()).isEqualTo("EC");
        assertThat(leaf.getKeyBits()).isEqualTo(256);
        assertThat(leaf.getSignatureAlgorithm()).isEqualTo("SHA256withECDSA");
        assertThat(leaf.getNotAfter()).isEqualTo(LEAF.cert().getNotAfter().toInstant());
        assertThat(leaf.getNotBefore()).isBefore(leaf.getNotAfter());
        assertThat(leaf.getSha256()).hasSize(64).isEqualTo(HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(LEAF.cert().getEncoded())));
        assertThat(ca.getKeyBits()).isEqualTo(384);
        assertThat(ca.getSignatureAlgorithm()).isEqualTo("SHA256withRSA");
        assertThat(ca.getIssuerOrg()).isEqualTo("Test Trust");
        assertThat(CertificateRecords.of(ROOT.cert()).getKeyAlgorithm()).isEqualTo("RSA");
        assertThat(CertificateRecords.of(ROOT.cert()).getKeyBits()).isEqualTo(2048);
    }

    @Test
    void ed25519_keys_count_256_bits() {
        TestPki.Issued ed = TestPki.leaf("CN=ed.example.ch", TestPki.ed25519(), CA, "ed.example.ch");
        TestPki.Issued signedByEd = TestPki.leaf("CN=x.example.ch", TestPki.ec("secp256r1"),
                new TestPki.Issued(ed.cert(), ed.keys()), "x.example.ch");

        assertThat(CertificateRecords.of(ed.cert()).getKeyAlgorithm()).isEqualTo("Ed25519");
        assertThat(CertificateRecords.of(ed.cert()).getKeyBits()).isEqualTo(256);
        assertThat(CertificateRecords.of(signedByEd.cert()).getSignatureAlgorithm()).isEqualTo("Ed25519");
    }

    @Test
    void verdict_fills_the_mail_server_result() {
        CertificateVerdict v = verdicts.evaluate(List.of(LEAF.cert(), CA.cert()), "mx9.example.ch", TestPki.NOW);
        MailServerResult.Builder b = MailServerResult.newBuilder().setScanId("s").setHost("mx9.example.ch")
                .setIp("127.0.0.1").setProbedAt(Instant.EPOCH);

        v.applyTo(b);
        MailServerResult r = b.build();

        assertThat(r.getPkixValid()).isTrue();
        assertThat(r.getHostnameMatch()).isFalse();
        assertThat(r.getExpired()).isFalse();
        assertThat(r.getChain()).hasSize(2);
    }

    @Test
    void trust_store_reads_a_pem_bundle(@TempDir Path dir) throws Exception {
        Path bundle = dir.resolve("bundle.pem");
        Files.writeString(bundle, "# comment\n" + pem(ROOT.cert()) + "junk between\n" + pem(CA.cert()));

        assertThat(TrustStore.fromPemFile(bundle).certificates()).containsExactly(ROOT.cert(), CA.cert());
    }

    @Test
    void jdk_default_trust_store_is_not_empty() {
        assertThat(TrustStore.jdkDefault().certificates()).hasSizeGreaterThan(50);
    }

    static String pem(X509Certificate cert) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
