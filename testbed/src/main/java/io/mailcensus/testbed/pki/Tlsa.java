package io.mailcensus.testbed.pki;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** TLSA association data (RFC 6698) for zone files: selector 1 (SubjectPublicKeyInfo), matching type 1 (SHA-256). */
public final class Tlsa {

    private Tlsa() {}

    /** Lower-case hex SHA-256 of the certificate's SubjectPublicKeyInfo: the data of "3 1 1" or "2 1 1". */
    public static String spkiSha256Hex(X509Certificate cert) {
        try {
            // getEncoded() of a certificate's public key is its DER SubjectPublicKeyInfo
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getPublicKey().getEncoded());
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** A whole TLSA RDATA, e.g. {@code "3 1 1 ab12..."}. */
    public static String rdata(int usage, X509Certificate cert) {
        return usage + " 1 1 " + spkiSha256Hex(cert);
    }
}
