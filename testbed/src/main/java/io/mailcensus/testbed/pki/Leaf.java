package io.mailcensus.testbed.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A server certificate with its key. {@code chain} is what the server sends: the leaf first, then
 * the issuing CA (a self-signed leaf has only itself).
 *
 * @param name the file name stem: {@code <name>.crt.pem} and {@code <name>.key.pem}
 */
public record Leaf(String name, X509Certificate certificate, PrivateKey key, List<X509Certificate> chain) {

    public Leaf {
        chain = List.copyOf(chain);
    }

    /** The data of a TLSA "3 1 1" record for this certificate. */
    public String tlsa311Hex() {
        return Tlsa.spkiSha256Hex(certificate);
    }

    /** Writes {@code <name>.crt.pem} (the chain) and {@code <name>.key.pem} (PKCS#8) into {@code dir}. */
    public PemFiles write(Path dir) throws IOException {
        Files.createDirectories(dir);
        PemFiles f = new PemFiles(dir.resolve(name + ".crt.pem"), dir.resolve(name + ".key.pem"));
        Files.writeString(f.certificate(), Pem.certificates(chain), StandardCharsets.US_ASCII);
        Pem.writeKey(f.key(), key, certificate.getPublicKey());
        return f;
    }

    /** Where {@link #write} put the chain and the key. */
    public record PemFiles(Path certificate, Path key) {}
}
