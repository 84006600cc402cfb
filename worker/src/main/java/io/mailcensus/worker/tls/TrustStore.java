package io.mailcensus.worker.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;

/** The certificates PKIX validation trusts (--trust-store): a PEM bundle, or the JDK's default. */
public final class TrustStore {

    private final List<X509Certificate> anchors;
    private final Map<X500Principal, List<X509Certificate>> bySubject = new HashMap<>();

    private TrustStore(Collection<X509Certificate> anchors) {
        this.anchors = List.copyOf(anchors);
        for (X509Certificate anchor : this.anchors) {
            bySubject.computeIfAbsent(anchor.getSubjectX500Principal(), s -> new ArrayList<>()).add(anchor);
        }
    }

    public static TrustStore of(Collection<X509Certificate> anchors) {
        return new TrustStore(anchors);
    }

    /** Every certificate in a PEM bundle file (e.g. /etc/ssl/certs/ca-certificates.crt). */
    public static TrustStore fromPemFile(Path bundle) {
        List<X509Certificate> certificates = PemCertificates.read(bundle);
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("no certificates in trust store " + bundle);
        }
        return new TrustStore(certificates);
    }

    /** The JDK's default trust store (cacerts, or javax.net.ssl.trustStore when set). */
    public static TrustStore jdkDefault() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return new TrustStore(List.of(x509.getAcceptedIssuers()));
                }
            }
            throw new IllegalStateException("the JDK has no X509TrustManager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the JDK trust store", e);
        }
    }

    public List<X509Certificate> certificates() {
        return anchors;
    }

    /** The anchor that is this certificate: same subject and key (a cross-signed copy counts). */
    Optional<X509Certificate> sameAs(X509Certificate cert) {
        return bySubject.getOrDefault(cert.getSubjectX500Principal(), List.of()).stream()
                .filter(a -> a.getPublicKey().equals(cert.getPublicKey()))
                .findFirst();
    }

    /** An anchor that signed this certificate. */
    Optional<X509Certificate> issuerOf(X509Certificate cert) {
        return bySubject.getOrDefault(cert.getIssuerX500Principal(), List.of()).stream()
                .filter(a -> Chains.signedBy(cert, a.getPublicKey()))
                .findFirst();
    }
}
