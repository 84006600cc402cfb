package io.mailcensus.worker.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.worker.testing.SharedTestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * OpenSSL's DANE tests ({@code testdata/third-party/dane}: danetest.in with danetest.pem and base
 * domain example.com, dane-cross.in with cross-root.pem and server.example), run as OpenSSL's
 * test/danetest.c runs them: all four usages, the trust store for PKIX-TA/EE, DANE-EE name checks
 * unless the case says nonamechecks, and SHA2-256 preferred over SHA2-512 (danetest.c's
 * SSL_CTX_dane_mtype_set calls). Like OpenSSL's PEM reader, lines between the declared TLSA
 * records and the certificates are ignored (cases 43 to 46 carry such an extra line).
 */
class OpenSslDaneSuiteTest {

    /** Cases not run, each with the reason. Keep this short and visible. */
    static final Map<String, String> SKIPPED = Map.of();

    /** OpenSSL checks times against the clock; every certificate here is valid until 2116 or later. */
    static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    static final List<Integer> OPENSSL_TEST_DIGEST_ORDER = List.of(TlsaRecord.SHA2_256, TlsaRecord.SHA2_512);

    record Case(String name, String baseDomain, String trustFile, List<TlsaRecord> tlsa, List<byte[]> chain,
            boolean noNameChecks, int wantError, int wantDepth) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.addAll(read("danetest.in", "example.com", "danetest.pem"));
        cases.addAll(read("dane-cross.in", "server.example", "cross-root.pem"));
        return cases;
    }

    /** Blocks: "ntlsa ncert nonamechecks error depth", ntlsa TLSA lines, then ncert PEM certificates. */
    static List<Case> read(String file, String baseDomain, String trustFile) {
        List<String> lines;
        try {
            lines = Files.readAllLines(SharedTestData.path("dane/" + file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Case> cases = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i++).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] head = line.split("\\s+");
            int ntlsa = Integer.parseInt(head[0]);
            int ncert = Integer.parseInt(head[1]);
            List<TlsaRecord> tlsa = new ArrayList<>();
            for (int t = 0; t < ntlsa; t++) {
                tlsa.add(TlsaRecord.parse(lines.get(i++)));
            }
            StringBuilder pem = new StringBuilder();
            int ends = 0;
            while (ends < ncert) {
                String l = lines.get(i++);
                pem.append(l).append('\n');
                if (l.startsWith("-----END CERTIFICATE-----")) {
                    ends++;
                }
            }
            List<byte[]> chain = pemBlocks(pem.toString());
            cases.add(new Case(file + " #" + (cases.size() + 1), baseDomain, trustFile, tlsa, chain,
                    Integer.parseInt(head[2]) != 0, Integer.parseInt(head[3]), Integer.parseInt(head[4])));
        }
        return cases;
    }

    /** The DER of each PEM block, unparsed: cases 1-10 carry a leaf the JDK refuses (empty issuer). */
    static List<byte[]> pemBlocks(String pem) {
        List<byte[]> blocks = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", java.util.regex.Pattern.DOTALL).matcher(pem);
        while (m.find()) {
            blocks.add(java.util.Base64.getMimeDecoder().decode(m.group(1)));
        }
        return blocks;
    }

    static Stream<Arguments> suite() {
        return cases().stream().map(c -> Arguments.of(c.name(), c));
    }

    @Test
    void the_suite_is_all_there() {
        assertThat(read("danetest.in", "example.com", "danetest.pem")).hasSize(54);
        assertThat(read("dane-cross.in", "server.example", "cross-root.pem")).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suite")
    void matcher_gives_openssl_verdict_and_depth(String name, Case c) {
        Assumptions.assumeFalse(SKIPPED.containsKey(name), () -> "skipped: " + SKIPPED.get(name));
        TrustStore trust = TrustStore.fromPemFile(SharedTestData.path("dane/" + c.trustFile()));
        DaneMatcher matcher = DaneMatcher.general(trust, !c.noNameChecks(), OPENSSL_TEST_DIGEST_ORDER);

        DaneVerdict verdict = matcher.verifyEncoded(c.tlsa(), c.chain(), List.of(c.baseDomain()), AT);

        assertThat(verdict.outcome()).as("%s: %s", name, verdict.detail()).isEqualTo(expected(c.wantError()));
        assertThat(verdict.matchDepth()).as("%s match depth: %s", name, verdict.detail()).isEqualTo(c.wantDepth());
    }

    /** In SMTP mode the same cases stand, except that PKIX-TA/EE records no longer count. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("suite")
    void smtp_mode_ignores_pkix_usages(String name, Case c) {
        Assumptions.assumeFalse(SKIPPED.containsKey(name), () -> "skipped: " + SKIPPED.get(name));
        DaneVerdict verdict = DaneMatcher.smtp().verifyEncoded(c.tlsa(), c.chain(), List.of(c.baseDomain()), AT);

        boolean daneUsages = c.tlsa().stream().anyMatch(r -> r.usage() >= TlsaRecord.DANE_TA);
        if (!daneUsages) {
            assertThat(verdict.outcome()).isEqualTo(DaneOutcome.NO_USABLE_RECORDS);
            assertThat(verdict.daneValid()).isNull();
        } else if (c.tlsa().stream().allMatch(r -> r.usage() >= TlsaRecord.DANE_TA)) {
            // RFC 7672 3.1.1: DANE-EE ignores names, so a name failure on DANE-EE becomes a pass.
            DaneOutcome want = expected(c.wantError()) == DaneOutcome.NAME_MISMATCH && c.wantDepth() == 0
                    ? DaneOutcome.VERIFIED : expected(c.wantError());
            assertThat(verdict.outcome()).as(verdict.detail()).isEqualTo(want);
        }
    }

    static DaneOutcome expected(int x509Error) {
        return switch (x509Error) {
            case 0 -> DaneOutcome.VERIFIED;
            case 20 -> DaneOutcome.PKIX_UNTRUSTED; // X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY
            case 62 -> DaneOutcome.NAME_MISMATCH; // X509_V_ERR_HOSTNAME_MISMATCH
            case 65 -> DaneOutcome.NO_MATCH; // X509_V_ERR_DANE_NO_MATCH
            default -> throw new IllegalArgumentException("no mapping for X509_V_ERR " + x509Error);
        };
    }
}
