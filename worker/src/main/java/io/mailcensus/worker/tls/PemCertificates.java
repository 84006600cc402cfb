package io.mailcensus.worker.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads X.509 certificates from PEM text, ignoring whatever text sits between the blocks. */
public final class PemCertificates {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", Pattern.DOTALL);

    private PemCertificates() {}

    public static List<X509Certificate> parse(String pem) {
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            certificates.add(decode(Base64.getMimeDecoder().decode(m.group(1))));
        }
        return certificates;
    }

    public static List<X509Certificate> read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One DER certificate; throws IllegalArgumentException when it does not parse. */
    public static X509Certificate decode(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw new IllegalArgumentException("not a DER X.509 certificate: " + e.getMessage(), e);
        }
    }
}
