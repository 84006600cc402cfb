package io.mailcensus.testbed.zone;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.testbed.truth.DomainTruthLine;
import io.mailcensus.testbed.truth.Metric;
import io.mailcensus.testbed.truth.ProviderTruth;
import io.mailcensus.testbed.truth.TruthDomainsFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Client discovery records, names that time out, and the provider breakdowns of a generated zone. */
class DiscoveryGenerationTest {

    @TempDir
    static Path dir;

    static GeneratedZones zones;
    static List<DomainTruthLine> lines;

    @BeforeAll
    static void generate() throws IOException {
        zones = new ZoneGenerator(1_000, 5, "test").generate(dir);
        try (Stream<DomainTruthLine> all = TruthDomainsFile.lines(zones.layout().truthDomainsFile())) {
            lines = all.toList();
        }
    }

    private static long withCase(String tag) {
        return lines.stream().filter(l -> l.hasCase(tag)).count();
    }

    @Test
    void everyVariantOfTheDiscoveryRecordsOccursAtAThousandDomains() {
        for (String tag : List.of("autodiscover:cname", "autodiscover:a", "autodiscover:srv", "lyncdiscover:cname",
                "lyncdiscover:a", "sip:1-targets", "sip:2-targets", "sip:3-targets")) {
            assertThat(withCase(tag)).as(tag).isPositive();
        }
        assertThat(zones.truth().count(Metric.AUTODISCOVER)).isEqualTo(
                withCase("autodiscover:cname") + withCase("autodiscover:a") + withCase("autodiscover:srv"));
        assertThat(zones.truth().count(Metric.SIP_FEDERATION)).isPositive();
    }

    @Test
    void aKnownNumberOfHealthyDomainsHaveANameThatTimesOut() {
        // Position 7 of every hundred; position 41 too when it has no DMARC record (most have none).
        long healthyAtSeven = java.util.stream.IntStream.range(0, lines.size())
                .filter(i -> i % DomainPlanner.TIMEOUT_EVERY == 7 && lines.get(i).ok()).count();
        assertThat(healthyAtSeven).isPositive();
        assertThat(withCase("timeout:autodiscover")).isEqualTo(healthyAtSeven);
        assertThat(withCase("timeout:dmarc")).isBetween(5L, 10L);
        assertThat(lines).filteredOn(l -> l.hasCase("timeout:autodiscover") || l.hasCase("timeout:dmarc"))
                .allMatch(DomainTruthLine::ok)
                .noneMatch(l -> l.hasCase("timeout:autodiscover") && l.counts(Metric.AUTODISCOVER))
                .noneMatch(l -> l.hasCase("timeout:dmarc") && (l.counts(Metric.DMARC_PRESENT) || l.counts(Metric.DMARC_INVALID)));
    }

    @Test
    void providerBreakdownsHaveTheBigProvidersOnTopAndALongTail() throws IOException {
        ProviderTruth providers = ProviderTruth.read(zones.layout().truthBreakdownsFile());
        List<ProviderTruth.Entry> ns = providers.rows(ProviderTruth.NS);
        assertThat(ns).extracting(ProviderTruth.Entry::name)
                .containsExactly("dnshost1.example", "dnshost2.example", "dnshost3.example", "dnshost4.example");
        assertThat(ns.stream().mapToLong(ProviderTruth.Entry::count).sum())
                .isEqualTo(zones.truth().count(Metric.DOMAINS_TOTAL) - zones.truth().count(Metric.DOMAINS_ERROR));
        List<ProviderTruth.Entry> mx = providers.rows(ProviderTruth.MX);
        assertThat(mx.get(0).name()).isEqualTo("mailhost1.example");
        assertThat(mx).as("self-hosted domains are their own provider").anyMatch(e -> e.name().endsWith(".test"))
                .anyMatch(e -> e.name().equals("localhost"));
        assertThat(providers).isEqualTo(ProviderTruth.read(zones.layout().truthBreakdownsFile()));
    }
}
