package io.mailcensus.worker.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificate chains made on the spot for tests (BouncyCastle builds, the JDK signs). */
final class TestPki {

    /** Tests judge certificates at this instant; validity periods are set around it. */
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private static final AtomicLong SERIAL = new AtomicLong(1000);

    record Issued(X509Certificate cert, KeyPair keys) {
        X500Name name() {
            return X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        }
    }

    private TestPki() {}

    static KeyPair ec(String curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curve));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Issued root(String dn, KeyPair keys) {
        X500Name name = new X500Name(dn);
        return new Issued(build(name, keys, name, keys.getPrivate(), true, NOW.minus(3650, ChronoUnit.DAYS),
                NOW.plus(3650, ChronoUnit.DAYS)), keys);
    }

    static Issued intermediate(String dn, KeyPair keys, Issued issuer) {
        return new Issued(build(new X500Name(dn), keys, issuer.name(), issuer.keys().getPrivate(), true,
                NOW.minus(365, ChronoUnit.DAYS), NOW.plus(1825, ChronoUnit.DAYS)), keys);
    }

    static Issued leaf(String dn, KeyPair keys, Issued issuer, String... dnsNames) {
        return leaf(dn, keys, issuer, NOW.minus(30, ChronoUnit.DAYS), NOW.plus(60, ChronoUnit.DAYS), dnsNames);
    }

    static Issued leaf(String dn, KeyPair keys, Issued issuer, Instant notBefore, Instant notAfter, String... dnsNames) {
        return new Issued(build(new X500Name(dn), keys, issuer.name(), issuer.keys().getPrivate(), false,
                notBefore, notAfter, dnsNames), keys);
    }

    static Issued selfSignedLeaf(String dn, KeyPair keys, String... dnsNames) {
        X500Name name = new X500Name(dn);
        return new Issued(build(name, keys, name, keys.getPrivate(), false, NOW.minus(1, ChronoUnit.DAYS),
                NOW.plus(365, ChronoUnit.DAYS), dnsNames), keys);
    }

    private static X509Certificate build(X500Name subject, KeyPair keys, X500Name issuer, PrivateKey issuerKey,
            boolean ca, Instant notBefore, Instant notAfter, String... dnsNames) {
        try {
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                    subject, keys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (ca) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            }
            if (dnsNames.length > 0) {
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(Arrays.stream(dnsNames)
                        .map(n -> new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new)));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder(signatureAlgorithm(issuerKey)).build(issuerKey)));
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> "Ed25519";
        };
    }
}
