package io.mailcensus.testbed.mail;

import io.mailcensus.testbed.pki.Leaf;
import io.mailcensus.testbed.pki.TestCa;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The certificate a personality serves for its MX name. */
final class ServerCertificates {

    private static final Duration VALIDITY = Duration.ofDays(90);

    private ServerCertificates() {}

    static Optional<Leaf> issue(TestCa ca, MailServerSpec spec) {
        String mx = spec.mxHostName();
        String file = fileStem(spec);
        Instant now = Instant.now();
        Instant from = now.minus(Duration.ofDays(1));
        return switch (spec.personality().certificate()) {
            case VALID -> Optional.of(ca.issue(file, List.of(mx), from, now.plus(VALIDITY)));
            case EXPIRED -> Optional.of(ca.issue(file, List.of(mx), now.minus(VALIDITY), from));
            case WRONG_NAME -> Optional.of(ca.issue(file, List.of(Personality.WRONG_NAME), from, now.plus(VALIDITY)));
            case SELF_SIGNED -> Optional.of(TestCa.selfSigned(file, List.of(mx), from, now.plus(VALIDITY)));
            case NONE -> Optional.empty();
        };
    }

    /** A valid certificate for each of the spec's SNI names, by name. */
    static Map<String, Leaf> issueForSni(TestCa ca, MailServerSpec spec) {
        Instant now = Instant.now();
        Map<String, Leaf> leaves = new LinkedHashMap<>();
        for (String name : spec.sniNames()) {
            String file = fileStem(spec) + "-sni-" + name;
            leaves.put(name, ca.issue(file, List.of(name), now.minus(Duration.ofDays(1)), now.plus(VALIDITY)));
        }
        return leaves;
    }

    /**
     * One file stem per address: two servers may present the same MX name with different
     * certificates. No colons: Exim reads tls_certificate as a colon-separated list.
     */
    private static String fileStem(MailServerSpec spec) {
        return "mx-" + spec.address().replace(':', '_');
    }
}
