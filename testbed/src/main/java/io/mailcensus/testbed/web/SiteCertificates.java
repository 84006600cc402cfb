package io.mailcensus.testbed.web;

import io.mailcensus.testbed.pki.Leaf;
import io.mailcensus.testbed.pki.TestCa;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The web sites' certificates, as a shared host issues them: up to N domains on one certificate,
 * each with its name, {@code www.} and {@code mta-sts.} (all from the test CA, one key for all, so
 * 100,000 domains cost 1,000 signatures and no key generation). Domains whose name starts with
 * {@code p} are left without their {@code mta-sts.} name: their policy host presents a certificate
 * that does not name it, so their MTA-STS policy cannot be valid. Two nginx map files name each
 * host's certificate and key ({@code name "path";}).
 */
final class SiteCertificates {

    private SiteCertificates() {}

    /** The host names a domain's site certificate carries. */
    static List<String> names(String domain) {
        List<String> names = new ArrayList<>(List.of(domain, "www." + domain));
        if (!domain.startsWith("p")) {
            names.add("mta-sts." + domain);
        }
        return names;
    }

    static void write(Path dir, List<String> domainLines, TestCa ca, Instant now, int perCertificate,
            Path certificateMap, Path keyMap) throws IOException {
        List<String> domains = domainLines.stream().map(String::strip)
                .filter(d -> !d.isEmpty() && !d.startsWith("#") && d.matches("[a-z0-9.-]+")).toList();
        KeyPair key = keyPair();
        StringBuilder certificates = new StringBuilder();
        StringBuilder keys = new StringBuilder();
        Set<String> mapped = new HashSet<>();
        for (int from = 0; from < domains.size(); from += perCertificate) {
            List<String> group = domains.subList(from, Math.min(domains.size(), from + perCertificate));
            List<String> names = new ArrayList<>();
            group.forEach(d -> names.addAll(names(d)));
            Leaf.PemFiles pem = ca.issue("site-" + (from / perCertificate), names, now.minus(Duration.ofDays(1)),
                    now.plus(TestCa.DEFAULT_VALIDITY), key).write(dir);
            for (String name : names) {
                if (!mapped.add(name)) {
                    continue; // nginx refuses a map with a name twice (a listed www.x beside x's www.)
                }
                certificates.append(name).append(" \"").append(pem.certificate()).append("\";\n");
                keys.append(name).append(" \"").append(pem.key()).append("\";\n");
            }
        }
        Files.writeString(certificateMap, certificates, StandardCharsets.US_ASCII);
        Files.writeString(keyMap, keys, StandardCharsets.US_ASCII);
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
