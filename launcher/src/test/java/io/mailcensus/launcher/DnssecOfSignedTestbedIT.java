package io.mailcensus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.DnssecStatus;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.ScanTask;
import io.mailcensus.testbed.DnsTestbed;
import io.mailcensus.testbed.TestbedOptions;
import io.mailcensus.testbed.truth.DomainTruthLine;
import io.mailcensus.testbed.truth.Metric;
import io.mailcensus.testbed.truth.TruthDomainsFile;
import io.mailcensus.worker.dns.client.DnsSettings;
import io.mailcensus.worker.dns.dnssec.DnssecMode;
import io.mailcensus.worker.dns.dnssec.TrustAnchor;
import io.mailcensus.worker.dns.scan.DomainChecker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * DNSSEC end to end: Knot serves a signed root and TLD with secure, unsigned, island and bogus
 * children on loopback, Unbound validates from the testbed's anchor, and the worker's verdict for
 * every domain is the one the generator planned: in mode validate (dnsjava's ValidatingResolver)
 * and in mode trust-ad (Unbound's AD bit). Bogus domains are still measured through CD queries.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DnssecOfSignedTestbedIT {

    private static final int DOMAINS = 600;

    private Path dir;
    private DnsTestbed testbed;
    private List<DomainTruthLine> lines;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("mailcensus-dnssec-it");
        testbed = DnsTestbed.start(TestbedOptions.of(dir.resolve("testbed"), DOMAINS, 7L));
        try (Stream<DomainTruthLine> s = TruthDomainsFile.lines(testbed.truthDomainsFile())) {
            lines = s.toList();
        }
        assertThat(lines).anyMatch(l -> l.counts(Metric.DNSSEC_SECURE)).anyMatch(l -> l.counts(Metric.DNSSEC_BOGUS))
                .anyMatch(l -> l.hasCase("dnssec:island")).anyMatch(l -> l.hasCase("dnssec:bogus-unsigned"))
                .anyMatch(l -> l.hasCase("dnssec:bogus-ds-mismatch")).anyMatch(l -> !l.ok());
    }

    @AfterAll
    void stop() throws Exception {
        if (testbed != null) {
            testbed.close();
        }
    }

    @Test
    void mailcensusValidatingItselfGivesEveryDomainItsPlannedVerdict() throws Exception {
        DnsSettings settings = settings(DnssecMode.VALIDATE)
                .withTrustAnchor(TrustAnchor.fromFile(testbed.trustAnchorFile()));
        assertEveryVerdict(settings);
    }

    @Test
    void trustingTheResolversAdBitGivesTheSameVerdicts() throws Exception {
        assertEveryVerdict(settings(DnssecMode.TRUST_AD));
    }

    @Test
    void theIanaAnchorDoesNotTrustTheTestbedsRoot() throws Exception {
        DomainTruthLine secure = lines.stream().filter(l -> l.counts(Metric.DNSSEC_SECURE)).findFirst().orElseThrow();
        try (DomainChecker checker = new DomainChecker(settings(DnssecMode.VALIDATE))) {
            DomainResult r = check(checker, secure.domain()).join();
            assertThat(r.getDnssec().getValidation()).as(r.getDnssec().toString()).isEqualTo(DnssecStatus.bogus);
        }
    }

    private void assertEveryVerdict(DnsSettings settings) throws Exception {
        Map<String, String> wrong = new TreeMap<>();
        try (DomainChecker checker = new DomainChecker(settings)) {
            List<CompletableFuture<DomainResult>> results = new ArrayList<>();
            for (DomainTruthLine line : lines) {
                results.add(check(checker, line.domain()));
            }
            for (int i = 0; i < lines.size(); i++) {
                DomainTruthLine line = lines.get(i);
                DomainResult r = results.get(i).get(60, TimeUnit.SECONDS);
                DnssecStatus expected = expected(line);
                if (r.getDnssec().getValidation() != expected) {
                    wrong.put(line.domain(), "expected " + expected + ", got " + r.getDnssec().getValidation() + " ("
                            + r.getDnssec().getReason() + ") " + line.cases());
                }
                boolean signed = r.getDnssec().getSigned() == CheckStatus.present;
                if (line.ok() && signed != line.counts(Metric.DNSSEC_SIGNED)) {
                    wrong.put(line.domain(), "signed " + signed + " " + line.cases());
                }
                // CD at work: a bogus domain's records are measured, not hidden behind SERVFAIL.
                boolean mx = r.getMx().getStatus() == CheckStatus.present;
                if (line.ok() && mx != line.counts(Metric.MX_PRESENT)) {
                    wrong.put(line.domain(), "mx " + r.getMx().getStatus() + " " + line.cases());
                }
            }
        }
        assertThat(wrong).as("domains whose DNSSEC result differs from the plan").isEmpty();
    }

    /** Unsigned and island children are insecure; a broken delegation leaves nothing to validate. */
    private static DnssecStatus expected(DomainTruthLine line) {
        if (!line.ok()) {
            return DnssecStatus.indeterminate;
        }
        if (line.counts(Metric.DNSSEC_SECURE)) {
            return DnssecStatus.secure;
        }
        return line.counts(Metric.DNSSEC_BOGUS) ? DnssecStatus.bogus : DnssecStatus.insecure;
    }

    private DnsSettings settings(DnssecMode mode) {
        return DnsSettings.defaults().withResolvers(List.of(testbed.resolver())).withTimeout(Duration.ofSeconds(2))
                .withRetries(1).withDnssec(mode);
    }

    private static CompletableFuture<DomainResult> check(DomainChecker checker, String domain) {
        ScanTask task = ScanTask.newBuilder().setScanId("dnssec-it").setDomain(domain).setDomainUnicode(domain)
                .setEnqueuedAt(Instant.EPOCH).build();
        return checker.check(task).toCompletableFuture();
    }
}
