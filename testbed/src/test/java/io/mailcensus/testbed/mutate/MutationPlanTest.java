package io.mailcensus.testbed.mutate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailcensus.testbed.mutate.Mutation.Kind;
import io.mailcensus.testbed.truth.DomainTruthLine;
import io.mailcensus.testbed.truth.TruthDomainsFile;
import io.mailcensus.testbed.zone.ZoneGenerator;
import io.mailcensus.testbed.zone.ZoneLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which domains mutate changes, and the expected-changes file it writes (no servers needed). */
class MutationPlanTest {

    @TempDir
    static Path dir;

    static Map<String, DomainTruthLine> truth;

    @BeforeAll
    static void generate() throws Exception {
        new ZoneGenerator(1_000, 7, "test").generate(dir);
        try (var lines = TruthDomainsFile.lines(new ZoneLayout(dir).truthDomainsFile())) {
            truth = lines.collect(Collectors.toMap(DomainTruthLine::domain, l -> l));
        }
    }

    @Test
    void choosesTheFractionSpreadOverEveryKindWithNoDomainTwice() throws Exception {
        List<Mutation> chosen = Mutator.plan(dir, 1, 0.05, true);
        assertThat(chosen).hasSize(50);
        assertThat(chosen.stream().map(Mutation::domain).distinct()).hasSize(50);
        Map<Kind, Long> kinds = Mutator.count(chosen);
        assertThat(kinds.keySet()).containsExactly(Kind.values());
        assertThat(kinds.values()).allMatch(n -> n == 10);
    }

    @Test
    void theSameSeedChoosesTheSameDomainsAndAnotherSeedOthers() throws Exception {
        assertThat(Mutator.plan(dir, 1, 0.05, true)).isEqualTo(Mutator.plan(dir, 1, 0.05, true));
        assertThat(Mutator.plan(dir, 2, 0.05, true)).isNotEqualTo(Mutator.plan(dir, 1, 0.05, true));
    }

    @Test
    void withoutMailServersOnlyRecordsChange() throws Exception {
        assertThat(Mutator.count(Mutator.plan(dir, 1, 0.03, false)).keySet())
                .containsExactly(Kind.DMARC_POLICY, Kind.SPF_ALL, Kind.DS_BOGUS);
    }

    @Test
    void beforeValuesAgreeWithTheTruthOfEachDomain() throws Exception {
        for (Mutation m : Mutator.plan(dir, 3, 0.1, true)) {
            DomainTruthLine t = truth.get(m.domain());
            assertThat(t.ok()).isTrue();
            ExpectedChange first = m.changes().getFirst();
            switch (m.kind()) {
                case DMARC_POLICY -> {
                    assertThat(t.metrics().stream().map(x -> x.key())).contains("dmarc.p." + first.before());
                    assertThat(first.after()).isNotEqualTo(first.before());
                    assertThat(m.zoneEdit().orElseThrow().after()).contains("p=" + first.after());
                }
                case SPF_ALL -> {
                    assertThat(t.metrics().stream().map(x -> x.key())).contains("spf.all." + first.before());
                    assertThat(m.zoneEdit().orElseThrow().after()).endsWith(first.after().equals("fail") ? " -all\"" : " ~all\"");
                }
                case DS_BOGUS -> assertThat(first).isEqualTo(new ExpectedChange(m.domain(), "dnssec", "secure", "bogus"));
                case STARTTLS_OFF -> assertThat(m.changes()).containsExactly(
                        new ExpectedChange(m.domain(), "certificate", "valid", "unknown"),
                        new ExpectedChange(m.domain(), "starttls", "all", "none"));
                case CERTIFICATE_EXPIRED -> assertThat(m.changes()).containsExactly(
                        new ExpectedChange(m.domain(), "certificate", "valid", "expired"));
            }
            if (m.server().isPresent()) {
                assertThat(m.server().get()).startsWith("127.101.");
            }
        }
    }

    @Test
    void aMutatedDomainIsNotChosenAgain() throws Exception {
        Path copy = Files.createTempDirectory("mutate-again");
        new ZoneGenerator(300, 7, "test").generate(copy);
        List<Mutation> first = Mutator.plan(copy, 1, 0.1, false);
        Files.write(copy.resolve(Mutator.MUTATED_FILE), first.stream().map(m -> m.domain() + "\t" + m.kind()).toList());
        Set<String> again = new HashSet<>(Mutator.plan(copy, 1, 0.1, false).stream().map(Mutation::domain).toList());
        assertThat(again).doesNotContainAnyElementsOf(first.stream().map(Mutation::domain).toList());
    }

    @Test
    void excludedDomainsAreNeverChosen() throws Exception {
        Set<String> first = new HashSet<>(Mutator.plan(dir, 1, 0.05, true).stream().map(Mutation::domain).toList());
        List<Mutation> other = Mutator.plan(dir, 1, 0.05, true, first);
        assertThat(other).hasSize(50);
        assertThat(other.stream().map(Mutation::domain)).doesNotContainAnyElementsOf(first);
    }

    @Test
    void editsBumpTheSerialAndBogusDsChangesOnlyTheDigest() throws Exception {
        Path zone = Files.createTempFile("child", ".zone");
        Files.write(zone, List.of("$ORIGIN a.test.", "a.test. IN SOA ns1.x. hostmaster.a.test. 7 7200 3600 1209600 300",
                "_dmarc.a.test. IN TXT \"v=DMARC1; p=reject\""));
        Mutator.editZone(zone, new Mutation.LineEdit("_dmarc.a.test. IN TXT \"v=DMARC1; p=reject\"",
                "_dmarc.a.test. IN TXT \"v=DMARC1; p=none\""));
        assertThat(Files.readAllLines(zone)).containsExactly("$ORIGIN a.test.",
                "a.test. IN SOA ns1.x. hostmaster.a.test. 8 7200 3600 1209600 300",
                "_dmarc.a.test. IN TXT \"v=DMARC1; p=none\"");

        Path ds = Files.createTempFile("tld-ds", ".zone");
        Files.write(ds, List.of("; DS", "a.test.\t3600\tIN\tDS\t58360 13 2 2010EC33", "b.test.\t3600\tIN\tDS\t1 13 2 AB"));
        Mutator.bogusDs(ds, List.of("a.test"));
        List<String> lines = Files.readAllLines(ds);
        assertThat(lines.get(1)).startsWith("a.test.\t3600\tIN\tDS\t58360\t13\t2\t").doesNotEndWith("2010EC33");
        assertThat(lines.get(2)).isEqualTo("b.test.\t3600\tIN\tDS\t1 13 2 AB");
        assertThatThrownBy(() -> Mutator.bogusDs(ds, List.of("c.test"))).hasMessageContaining("no DS for c.test");
    }

    @Test
    void expectedChangesRoundTripSortedByDomainAndFact() throws Exception {
        Path f = dir.resolve("ec.tsv");
        ExpectedChange.write(f, List.of(new ExpectedChange("b.test", "spf_all", "fail", "softfail"),
                new ExpectedChange("a.test", "starttls", "all", "none"),
                new ExpectedChange("a.test", "certificate", "valid", "unknown")));
        assertThat(Files.readAllLines(f, StandardCharsets.UTF_8)).containsExactly("domain\twhat\tbefore\tafter",
                "a.test\tcertificate\tvalid\tunknown", "a.test\tstarttls\tall\tnone", "b.test\tspf_all\tfail\tsoftfail");
        assertThat(ExpectedChange.read(f)).hasSize(3);
    }

    @Test
    void aFractionOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> MutationPlan.choose(Map.of(), 1, 0, 10)).hasMessageContaining("--fraction");
    }
}
