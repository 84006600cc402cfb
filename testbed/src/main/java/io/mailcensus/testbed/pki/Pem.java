package io.mailcensus.testbed.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** PEM text of certificates and PKCS#8 private keys, and writing them as files servers read. */
public final class Pem {

    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private Pem() {}

    public static String certificates(List<X509Certificate> certs) {
        StringBuilder sb = new StringBuilder();
        for (X509Certificate c : certs) {
            try {
                sb.append(block("CERTIFICATE", c.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        return sb.toString();
    }

    /**
     * A PKCS#8 "PRIVATE KEY" block. An EC key carries its public key inside: the JDK leaves that
     * optional field out, and GnuTLS (Exim) then refuses the key ("ASN1 parser: Element was not found").
     */
    public static String privateKey(PrivateKey key, PublicKey publicKey) {
        if (key instanceof ECPrivateKey ec) {
            SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(publicKey.getEncoded());
            int bits = ec.getParams().getOrder().bitLength();
            var inner = new org.bouncycastle.asn1.sec.ECPrivateKey(bits, ec.getS(), spki.getPublicKeyData(), null);
            try {
                return block("PRIVATE KEY", new PrivateKeyInfo(spki.getAlgorithm(), inner).getEncoded());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return block("PRIVATE KEY", key.getEncoded());
    }

    /** Writes a key file readable by its owner only (the servers read it as root, or are given it: see chown callers). */
    static void writeKey(Path file, PrivateKey key, PublicKey publicKey) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, privateKey(key, publicKey), StandardCharsets.US_ASCII);
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + BASE64.encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
