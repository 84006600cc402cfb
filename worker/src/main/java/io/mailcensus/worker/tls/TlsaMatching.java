package io.mailcensus.worker.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

/** Does a TLSA record designate a certificate (RFC 6698 2.1.2, 2.1.3)? */
final class TlsaMatching {

    private TlsaMatching() {}

    static boolean matches(TlsaRecord record, X509Certificate cert) {
        return matchesSelected(record, selected(cert, record.selector()));
    }

    /** Matching on raw DER, for a certificate the JDK cannot parse. */
    static boolean matchesDer(TlsaRecord record, byte[] certificateDer) {
        return matchesSelected(record, switch (record.selector()) {
            case TlsaRecord.SELECTOR_CERT -> certificateDer;
            case TlsaRecord.SELECTOR_SPKI -> DerCertificate.subjectPublicKeyInfo(certificateDer);
            default -> null;
        });
    }

    private static boolean matchesSelected(TlsaRecord record, byte[] selected) {
        if (selected == null) {
            return false;
        }
        byte[] association = switch (record.matchingType()) {
            case TlsaRecord.FULL -> selected;
            case TlsaRecord.SHA2_256 -> digest("SHA-256", selected);
            case TlsaRecord.SHA2_512 -> digest("SHA-512", selected);
            default -> null;
        };
        return association != null && MessageDigest.isEqual(association, record.data());
    }

    /** The whole certificate (selector 0) or its SubjectPublicKeyInfo (selector 1), DER. */
    static byte[] selected(X509Certificate cert, int selector) {
        try {
            return switch (selector) {
                case TlsaRecord.SELECTOR_CERT -> cert.getEncoded();
                case TlsaRecord.SELECTOR_SPKI -> cert.getPublicKey().getEncoded();
                default -> null;
            };
        } catch (CertificateEncodingException e) {
            return null;
        }
    }

    static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every JDK", e);
        }
    }
}
