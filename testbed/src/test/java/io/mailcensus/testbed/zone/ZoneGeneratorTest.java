package io.mailcensus.testbed.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailcensus.testbed.pki.DaneKey;
import io.mailcensus.testbed.truth.DomainTruthLine;
import io.mailcensus.testbed.truth.Metric;
import io.mailcensus.testbed.truth.Truth;
import io.mailcensus.testbed.truth.TruthDomainsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZoneGeneratorTest {

    @TempDir
    static Path dir;

    static GeneratedZones zones;
    static List<DomainTruthLine> lines;

    @BeforeAll
    static void generate() throws IOException {
        zones = new ZoneGenerator(1_000, 42, "test").generate(dir.resolve("a"));
        try (Stream<DomainTruthLine> s = TruthDomainsFile.lines(zones.layout().truthDomainsFile())) {
            lines = s.toList();
        }
    }

    @Test
    void sameSeedWritesTheSameFilesByteForByte() throws IOException {
        GeneratedZones again = new ZoneGenerator(1_000, 42, "test").generate(dir.resolve("b"));
        assertThat(tree(again.layout().dir())).isEqualTo(tree(zones.layout().dir()));
        for (Path relative : tree(zones.layout().dir())) {
            assertThat(Files.mismatch(zones.layout().dir().resolve(relative), again.layout().dir().resolve(relative)))
                    .as(relative.toString())
                    .isEqualTo(-1L);
        }
        assertThat(again.truth()).isEqualTo(zones.truth());
    }

    @Test
    void anotherSeedGivesOtherDomains() throws IOException {
        GeneratedZones other = new ZoneGenerator(1_000, 43, "test").generate(dir.resolve("c"));
        assertThat(Files.readAllLines(other.layout().domainsFile()))
                .isNotEqualTo(Files.readAllLines(zones.layout().domainsFile()));
    }

    @Test
    void domainListAndTruthLinesNameTheSameUniqueDomainsInOrder() throws IOException {
        List<String> domains = Files.readAllLines(zones.layout().domainsFile());
        assertThat(domains).hasSize(1_000).doesNotHaveDuplicates().allMatch(d -> d.endsWith(".test"));
        assertThat(lines).extracting(DomainTruthLine::domain).containsExactlyElementsOf(domains);
    }

    @Test
    void idnDomainsAreALabelsWithTheirUnicodeFormBeside() {
        List<DomainTruthLine> idn = lines.stream().filter(l -> l.counts(Metric.IDN)).toList();
        assertThat(idn).isNotEmpty().allSatisfy(l -> {
            assertThat(l.domain()).startsWith("xn--");
            assertThat(l.unicode()).isNotEqualTo(l.domain()).doesNotStartWith("xn--");
            assertThat(java.net.IDN.toASCII(l.unicode())).isEqualTo(l.domain());
        });
        assertThat(lines.stream().filter(l -> !l.counts(Metric.IDN)))
                .allSatisfy(l -> assertThat(l.unicode()).isEqualTo(l.domain()));
    }

    @Test
    void everyOddCaseOccursAtAThousandDomains() {
        Set<String> cases = new HashSet<>();
        lines.forEach(l -> cases.addAll(l.cases()));
        assertThat(cases).contains(
                "idn", "broken:unreachable", "broken:lame",
                "mx:null", "mx:null-mixed", "mx:localhost-absolute", "mx:localhost-relative", "mx:localhost-address",
                "mx:self-hosted", "mx:2-hosts", "mx:3-hosts", "mx:duplicate-host", "mx:cname", "mx:aaaa",
                "spf:split", "spf:long", "spf:multiple", "spf:decoy-only", "spf:with-spf2", "spf:redirect",
                "spf:no-mail", "spf:no-all", "spf:uppercase",
                "dmarc:invalid", "dmarc:split", "dmarc:rua-external", "dkim:key", "dkim:node-only");
    }

    @Test
    void theMixIsRoughlyTheSeedsTld() {
        Truth t = zones.truth();
        long ok = t.count(Metric.DOMAINS_TOTAL) - t.count(Metric.DOMAINS_ERROR);
        assertThat((double) t.count(Metric.MX_PRESENT) / ok).isBetween(0.65, 0.75);
        assertThat((double) t.count(Metric.SPF_PRESENT) / t.count(Metric.MX_PRESENT)).isBetween(0.70, 0.90);
        assertThat((double) t.count(Metric.DMARC_PRESENT) / t.count(Metric.MX_PRESENT)).isBetween(0.08, 0.16);
        assertThat((double) t.count(Metric.DNSSEC_SIGNED) / ok).isBetween(0.42, 0.54);
    }

    @Test
    void theTwoLargestProvidersPublishDaneEeRecordsOneOfThemStale() throws IOException {
        String infra = Files.readString(zones.layout().infraRecords());

        assertThat(infra).contains("_25._tcp.mx1.mailhost1.example. IN TLSA " + DaneKey.tlsa311())
                .contains("_25._tcp.mx2.mailhost2.example. IN TLSA " + DaneKey.tlsa311())
                .contains("_25._tcp.mx3.mailhost2.example. IN TLSA 3 1 1 5e5e")
                .doesNotContain("_25._tcp.mx1.mailhost3.example.");
    }

    @Test
    void brokenDomainsHaveNoZoneAndCountOnlyInTotalAndError() {
        List<DomainTruthLine> broken = lines.stream().filter(l -> !l.ok()).toList();
        assertThat(broken).hasSize(4);
        assertThat(broken).allSatisfy(l -> {
            assertThat(l.metrics()).containsExactlyInAnyOrder(Metric.DOMAINS_TOTAL, Metric.DOMAINS_ERROR);
            assertThat(zones.layout().childZone(l.domain())).doesNotExist();
        });
        assertThat(broken).extracting(DomainTruthLine::status)
                .containsExactlyInAnyOrder("error:unreachable", "error:lame", "error:unreachable", "error:lame");
        assertThat(zones.servedChildZones()).isEqualTo(996);
    }

    @Test
    void anEarlierCompleteGenerationIsReusedOnlyForTheSameInputs() throws IOException {
        assertThat(new ZoneGenerator(1_000, 42, "test").existing(zones.layout().dir())).get()
                .extracting(GeneratedZones::truth).isEqualTo(zones.truth());
        assertThat(new ZoneGenerator(1_000, 41, "test").existing(zones.layout().dir())).isEmpty();
        assertThat(new ZoneGenerator(1_001, 42, "test").existing(zones.layout().dir())).isEmpty();
        assertThat(new ZoneGenerator(1_000, 42, "test").existing(dir.resolve("nothing-here"))).isEmpty();
    }

    @Test
    void theTldMustNotClashWithTheInfrastructure() {
        assertThatThrownBy(() -> new ZoneGenerator(10, 1, "example")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ZoneGenerator(10, 1, "in-addr.arpa")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ZoneGenerator(10, 1, "Test.")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ZoneGenerator(0, 1, "test")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anotherTldNamesEveryDomainUnderIt() throws IOException {
        GeneratedZones ch = new ZoneGenerator(50, 1, "ch").generate(dir.resolve("ch"));
        assertThat(Files.readAllLines(ch.layout().domainsFile())).allMatch(d -> d.endsWith(".ch"));
        assertThat(Files.readString(ch.layout().tldZone())).startsWith("$TTL 3600\nch. IN SOA");
    }

    private static List<Path> tree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            List<Path> files = new ArrayList<>(s.filter(Files::isRegularFile).map(root::relativize).toList());
            files.sort(null);
            return files;
        }
    }
}
