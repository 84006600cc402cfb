package io.mailcensus.worker.https;

import io.mailcensus.worker.tls.TrustStore;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A test CA, made on the spot, that issues server certificates for names (BouncyCastle builds, the JDK signs). */
final class TestCertificates {

    /** Certificates are valid around this instant; tests judge at it. */
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static final AtomicLong SERIAL = new AtomicLong(1);

    private final KeyPair caKeys = ec();
    private final X509Certificate ca;

    TestCertificates(String caName) {
        X500Name name = new X500Name("CN=" + caName);
        ca = build(name, caKeys, name, caKeys.getPrivate(), true);
    }

    TrustStore trustStore() {
        return TrustStore.of(List.of(ca));
    }

    /** A server context whose certificate, issued by this CA, names {@code dnsNames}. */
    SslContext server(String... dnsNames) {
        KeyPair keys = ec();
        X509Certificate leaf = build(new X500Name("CN=" + dnsNames[0]), keys, new X500Name("CN=" + caSubject()),
                caKeys.getPrivate(), false, dnsNames);
        return serverContext(keys.getPrivate(), leaf, ca);
    }

    /** A server context with a self-signed certificate no trust store knows. */
    static SslContext selfSigned(String dnsName) {
        KeyPair keys = ec();
        X500Name name = new X500Name("CN=" + dnsName);
        return serverContext(keys.getPrivate(), build(name, keys, name, keys.getPrivate(), false, dnsName));
    }

    private String caSubject() {
        return ca.getSubjectX500Principal().getName().substring(3);
    }

    private static SslContext serverContext(PrivateKey key, X509Certificate... chain) {
        try {
            return SslContextBuilder.forServer(key, chain).sslProvider(SslProvider.JDK).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ec() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate build(X500Name subject, KeyPair keys, X500Name issuer, PrivateKey issuerKey,
            boolean ca, String... dnsNames) {
        try {
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(NOW.minus(1, ChronoUnit.DAYS)),
                    Date.from(NOW.plus(30, ChronoUnit.DAYS)), subject, keys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (ca) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            }
            if (dnsNames.length > 0) {
                GeneralName[] names = new GeneralName[dnsNames.length];
                for (int i = 0; i < dnsNames.length; i++) {
                    names[i] = new GeneralName(GeneralName.dNSName, dnsNames[i]);
                }
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
