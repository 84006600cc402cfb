package io.mailcensus.testbed.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A root CA for tests, held in memory: it issues server certificates for DNS names with any
 * validity window. Nothing here is trusted by the system; clients trust it through
 * {@link #trustStore()} / {@link #sslContext()} or {@code ca.pem}.
 */
public final class TestCa {

    /** The validity of {@link #issue(String)}: started yesterday, ends in a year. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(365);

    private static final String SIGNATURE = "SHA256withECDSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair keys;
    private final X509Certificate certificate;

    private TestCa(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A new root CA, valid from a day ago for ten years, named {@code CN=<commonName>}. */
    public static TestCa create(String commonName) {
        KeyPair keys = newKeyPair();
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=" + commonName + ",O=mailcensus testbed");
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), subject,
                    keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            return new TestCa(keys, sign(b, keys.getPrivate()));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot make the test CA", e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The data of a TLSA "2 1 1" record naming this CA as trust anchor. */
    public String tlsa211Hex() {
        return Tlsa.spkiSha256Hex(certificate);
    }

    /** A currently valid leaf for one name, stored as {@code <dnsName>.crt.pem}. */
    public Leaf issue(String dnsName) {
        Instant now = Instant.now();
        return issue(dnsName, List.of(dnsName), now.minus(Duration.ofDays(1)), now.plus(DEFAULT_VALIDITY));
    }

    /**
     * A leaf for {@code dnsNames} (subject alternative names; the first is also the CN) valid from
     * {@code notBefore} to {@code notAfter}: a window in the past makes an expired certificate.
     */
    public Leaf issue(String fileName, List<String> dnsNames, Instant notBefore, Instant notAfter) {
        return issue(fileName, dnsNames, notBefore, notAfter, newKeyPair());
    }

    /** As {@link #issue(String, List, Instant, Instant)}, for a given key pair (a key a TLSA record names). */
    public Leaf issue(String fileName, List<String> dnsNames, Instant notBefore, Instant notAfter, KeyPair leafKeys) {
        X509Certificate leaf = leafCertificate(X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()),
                keys.getPrivate(), dnsNames, leafKeys, notBefore, notAfter, certificate);
        return new Leaf(fileName, leaf, leafKeys.getPrivate(), List.of(leaf, certificate));
    }

    /** A self-signed leaf for {@code dnsNames}, issued by no CA: chains to nothing a client trusts. */
    public static Leaf selfSigned(String fileName, List<String> dnsNames, Instant notBefore, Instant notAfter) {
        KeyPair leafKeys = newKeyPair();
        X500Name subject = leafSubject(dnsNames);
        X509Certificate leaf = leafCertificate(subject, leafKeys.getPrivate(), dnsNames, leafKeys, notBefore, notAfter,
                null);
        return new Leaf(fileName, leaf, leafKeys.getPrivate(), List.of(leaf));
    }

    /** Writes {@code ca.pem} into {@code dir} and returns its path. */
    public Path writeCa(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("ca.pem");
        Files.writeString(file, Pem.certificates(List.of(certificate)), StandardCharsets.US_ASCII);
        return file;
    }

    /** A key store holding only this CA, for a {@link TrustManagerFactory}. */
    public KeyStore trustStore() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("mailcensus-test-ca", certificate);
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TLS client context that trusts this CA and nothing else. */
    public SSLContext sslContext() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), RANDOM);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate leafCertificate(X500Name issuer, PrivateKey issuerKey, List<String> dnsNames,
            KeyPair leafKeys, Instant notBefore, Instant notAfter, X509Certificate issuerCert) {
        if (dnsNames.isEmpty()) {
            throw new IllegalArgumentException("a leaf needs at least one DNS name");
        }
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            GeneralName[] sans = dnsNames.stream().map(n -> new GeneralName(GeneralName.dNSName, n))
                    .toArray(GeneralName[]::new);
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, serial(), Date.from(notBefore),
                    Date.from(notAfter), leafSubject(dnsNames), leafKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            ext.createSubjectKeyIdentifier(leafKeys.getPublic()));
            if (issuerCert != null) {
                b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuerCert));
            }
            return sign(b, issuerKey);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot issue a certificate for " + dnsNames, e);
        }
    }

    private static X500Name leafSubject(List<String> dnsNames) {
        return new X500Name("CN=" + dnsNames.getFirst());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(SIGNATURE).build(key)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no EC P-256 in this JDK", e);
        }
    }

    /** A positive 63-bit serial: unique enough for a test CA, and within RFC 5280's 20 octets. */
    private static BigInteger serial() {
        return BigInteger.valueOf(RANDOM.nextLong() & Long.MAX_VALUE | 1);
    }
}
