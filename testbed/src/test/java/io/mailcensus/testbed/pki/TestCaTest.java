package io.mailcensus.testbed.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCaTest {

    static final TestCa CA = TestCa.create("mailcensus test CA");

    @TempDir
    Path dir;

    @Test
    void issuedLeafChainsToTheCa() throws Exception {
        Leaf leaf = CA.issue("mx1.example.test");

        validate(leaf.chain(), CA.certificate());
        assertThat(leaf.chain()).containsExactly(leaf.certificate(), CA.certificate());
        assertThat(leaf.certificate().getSubjectAlternativeNames())
                .containsExactly(List.of(2, "mx1.example.test"));
        assertThat(leaf.certificate().getBasicConstraints()).isEqualTo(-1);
        assertThat(CA.certificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void leafCarriesEveryNameAndTheChosenWindow() throws Exception {
        Instant from = Instant.parse("2020-01-01T00:00:00Z");
        Instant to = Instant.parse("2021-01-01T00:00:00Z");
        Leaf leaf = CA.issue("multi", List.of("a.test", "b.test"), from, to);

        assertThat(leaf.certificate().getSubjectAlternativeNames())
                .containsExactly(List.of(2, "a.test"), List.of(2, "b.test"));
        assertThat(leaf.certificate().getNotBefore().toInstant()).isEqualTo(from);
        assertThat(leaf.certificate().getNotAfter().toInstant()).isEqualTo(to);
    }

    @Test
    void leafWithPastWindowIsExpired() {
        Instant now = Instant.now();
        Leaf leaf = CA.issue("old", List.of("old.test"), now.minus(Duration.ofDays(60)), now.minus(Duration.ofDays(1)));

        assertThatThrownBy(() -> leaf.certificate().checkValidity()).isInstanceOf(CertificateExpiredException.class);
    }

    @Test
    void selfSignedLeafDoesNotChainToTheCa() throws Exception {
        Instant now = Instant.now();
        Leaf leaf = TestCa.selfSigned("self", List.of("self.test"), now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30)));

        assertThat(leaf.chain()).containsExactly(leaf.certificate());
        leaf.certificate().verify(leaf.certificate().getPublicKey());
        assertThatThrownBy(() -> validate(leaf.chain(), CA.certificate()))
                .isInstanceOf(CertPathValidatorException.class);
    }

    @Test
    void writesPemFilesThatReadBack() throws Exception {
        Leaf leaf = CA.issue("mx.files.test");
        Path caFile = CA.writeCa(dir);
        Leaf.PemFiles files = leaf.write(dir);

        assertThat(caFile).isEqualTo(dir.resolve("ca.pem"));
        assertThat(files.certificate()).isEqualTo(dir.resolve("mx.files.test.crt.pem"));
        assertThat(files.key()).isEqualTo(dir.resolve("mx.files.test.key.pem"));
        assertThat(readCerts(caFile)).containsExactly(CA.certificate());
        assertThat(readCerts(files.certificate())).containsExactly(leaf.certificate(), CA.certificate());
        assertThat(Files.getPosixFilePermissions(files.key()))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        String keyPem = Files.readString(files.key());
        assertThat(keyPem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder()
                .decode(keyPem.replaceAll("-----[A-Z ]+-----", ""))));
        assertThat(signatureVerifies(key, leaf.certificate())).isTrue();
    }

    @Test
    void ecKeyFileCarriesThePublicKeyForGnuTls() throws Exception {
        Leaf leaf = CA.issue("mx.gnutls.test");
        String pem = Pem.privateKey(leaf.key(), leaf.certificate().getPublicKey());
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        var info = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(der);
        var inner = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
        var spki = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(leaf.certificate().getPublicKey().getEncoded());

        assertThat(inner.getPublicKey()).isNotNull();
        assertThat(inner.getPublicKey().getBytes()).isEqualTo(spki.getPublicKeyData().getBytes());
    }

    @Test
    void tlsaDigestsAreSha256OfTheSubjectPublicKeyInfo() throws Exception {
        Leaf leaf = CA.issue("mx.tlsa.test");
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");

        assertThat(leaf.tlsa311Hex())
                .isEqualTo(HexFormat.of().formatHex(sha256.digest(leaf.certificate().getPublicKey().getEncoded())))
                .hasSize(64)
                .isLowerCase();
        assertThat(CA.tlsa211Hex())
                .isEqualTo(HexFormat.of().formatHex(sha256.digest(CA.certificate().getPublicKey().getEncoded())))
                .isNotEqualTo(leaf.tlsa311Hex());
        assertThat(Tlsa.rdata(3, leaf.certificate())).isEqualTo("3 1 1 " + leaf.tlsa311Hex());
    }

    @Test
    void sslContextTrustsTheCa() throws Exception {
        assertThat(CA.trustStore().aliases().asIterator().next()).isEqualTo("mailcensus-test-ca");
        assertThat(CA.sslContext().getProtocol()).isEqualTo("TLS");
    }

    private static void validate(List<X509Certificate> chain, X509Certificate anchor) throws Exception {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        // the path excludes the anchor itself
        List<X509Certificate> path = chain.stream().filter(c -> !c.equals(anchor)).toList();
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(cf.generateCertPath(path), params);
    }

    private static List<X509Certificate> readCerts(Path file) throws Exception {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        return cf.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file))).stream()
                .map(c -> (X509Certificate) c).toList();
    }

    private static boolean signatureVerifies(PrivateKey key, X509Certificate cert) throws Exception {
        byte[] data = "probe".getBytes();
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(key);
        s.update(data);
        byte[] sig = s.sign();
        s.initVerify(cert.getPublicKey());
        s.update(data);
        return s.verify(sig);
    }
}
