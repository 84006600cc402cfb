package io.mailcensus.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.testbed.server.DnsProbe;
import io.mailcensus.testbed.truth.DomainTruthLine;
import io.mailcensus.testbed.truth.Metric;
import io.mailcensus.testbed.truth.TruthDomainsFile;
import io.mailcensus.testbed.zone.Infrastructure;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** A real testbed of 1,000 domains: Knot and Unbound on loopback, asked through dnsjava. */
class DnsTestbedIT {

    @TempDir
    static java.nio.file.Path dir;

    static DnsTestbed testbed;
    static List<DomainTruthLine> lines;

    @BeforeAll
    static void start() throws Exception {
        long t0 = System.nanoTime();
        testbed = DnsTestbed.start(TestbedOptions.of(dir, 1_000, 2024));
        System.out.printf("testbed of 1,000 domains up in %d ms (zones %d ms, servers %d ms), resolver %s%n",
                (System.nanoTime() - t0) / 1_000_000, testbed.generationTime().toMillis(),
                testbed.serverStartTime().toMillis(), testbed.resolver());
        try (Stream<DomainTruthLine> s = TruthDomainsFile.lines(testbed.truthDomainsFile())) {
            lines = s.toList();
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (testbed != null) {
            testbed.close();
        }
    }

    private static Message ask(String name, int type) throws IOException {
        return DnsProbe.ask(testbed.resolver(), name, type, true, Duration.ofSeconds(15));
    }

    private static List<Record> answer(String name, int type) throws IOException {
        Message m = ask(name, type);
        assertThat(Rcode.string(m.getRcode())).as(name + " " + Type.string(type)).isEqualTo("NOERROR");
        return m.getSection(Section.ANSWER).stream().filter(r -> r.getType() == type).toList();
    }

    private static DomainTruthLine first(Predicate<DomainTruthLine> p) {
        return lines.stream().filter(p).findFirst().orElseThrow();
    }

    @Test
    void theTestbedOffersItsFilesAndTruth() {
        assertThat(testbed.domainsFile()).exists();
        assertThat(testbed.truth()).containsEntry("domains.total", 1_000L).containsEntry("domains.error", 4L);
        assertThat(testbed.resolver().getAddress().isLoopbackAddress()).isTrue();
        assertThat(testbed.workDir()).isEqualTo(dir);
    }

    @Test
    void mxRecordsAreThereExactlyWhereTheTruthSaysSo() throws IOException {
        DomainTruthLine withMx = first(l -> l.counts(Metric.MX_PRESENT) && l.hasCase("mx:2-hosts"));
        assertThat(answer(withMx.domain(), Type.MX)).hasSizeGreaterThanOrEqualTo(2);
        DomainTruthLine withoutMx = first(l -> l.ok() && !l.counts(Metric.MX_PRESENT));
        assertThat(answer(withoutMx.domain(), Type.MX)).isEmpty(); // NOERROR, no data
        DomainTruthLine nullMx = first(l -> l.counts(Metric.MX_NULL));
        assertThat(answer(nullMx.domain(), Type.MX)).singleElement()
                .satisfies(r -> assertThat(((MXRecord) r).getTarget()).isEqualTo(Name.root));
    }

    @Test
    void aSplitSpfRecordJoinsToTheQualifierTheTruthExpects() throws IOException {
        DomainTruthLine split = first(l -> l.hasCase("spf:split") && l.counts(Metric.SPF_ALL_SOFTFAIL));
        List<String> spf = new ArrayList<>();
        for (Record r : answer(split.domain(), Type.TXT)) {
            List<String> strings = ((TXTRecord) r).getStrings();
            String joined = String.join("", strings);
            if (joined.matches("(?i)v=spf1( .*)?")) {
                assertThat(strings).hasSizeGreaterThan(1);
                spf.add(joined);
            }
        }
        assertThat(spf).singleElement().satisfies(s -> assertThat(s).endsWithIgnoringCase(" ~all"));
    }

    @Test
    void aNameNobodyDelegatedIsNxdomain() throws IOException {
        assertThat(Rcode.string(ask("no-such-domain-here.test", Type.A).getRcode())).isEqualTo("NXDOMAIN");
        // the real root servers' names do not exist in this internet: Unbound never saw them
        assertThat(Rcode.string(ask("a.root-servers.net", Type.A).getRcode())).isEqualTo("NXDOMAIN");
    }

    @Test
    void brokenDelegationsEndInServfail() throws IOException {
        for (String status : List.of("error:unreachable", "error:lame")) {
            DomainTruthLine broken = first(l -> l.status().equals(status));
            long t0 = System.nanoTime();
            Message m = ask(broken.domain(), Type.MX);
            assertThat(Rcode.string(m.getRcode())).as(status).isEqualTo("SERVFAIL");
            System.out.printf("%s: SERVFAIL after %d ms%n", status, (System.nanoTime() - t0) / 1_000_000);
        }
    }

    @Test
    void dsRecordsSitAtTheParentOfSignedDomains() throws IOException {
        assertThat(answer(first(l -> l.counts(Metric.DNSSEC_SIGNED)).domain(), Type.DS)).isNotEmpty();
        assertThat(answer(first(l -> l.ok() && !l.counts(Metric.DNSSEC_SIGNED)).domain(), Type.DS)).isEmpty();
    }

    @Test
    void unboundValidatesFromTheTestbedsAnchorAndCdStillShowsBogusZones() throws IOException {
        assertThat(testbed.trustAnchorFile()).content().contains("IN\tDS\t", " 13 2 ");
        Duration t = Duration.ofSeconds(15);
        DomainTruthLine secure = first(l -> l.counts(Metric.DNSSEC_SECURE));
        Message m = DnsProbe.askValidated(testbed.resolver(), secure.domain(), Type.SOA, t);
        assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(m.getHeader().getFlag(org.xbill.DNS.Flags.AD)).as("AD for " + secure.domain()).isTrue();
        for (String kind : List.of("dnssec:island", "dnssec:bogus-ds-mismatch", "dnssec:bogus-unsigned")) {
            DomainTruthLine line = first(l -> l.hasCase(kind));
            Message validated = DnsProbe.askValidated(testbed.resolver(), line.domain(), Type.SOA, t);
            if (kind.equals("dnssec:island")) {
                assertThat(validated.getRcode()).isEqualTo(Rcode.NOERROR);
                assertThat(validated.getHeader().getFlag(org.xbill.DNS.Flags.AD)).isFalse();
            } else {
                assertThat(Rcode.string(validated.getRcode())).as(kind).isEqualTo("SERVFAIL");
            }
            assertThat(answer(line.domain(), Type.SOA)).as(kind + " with CD").hasSize(1);
        }
        DomainTruthLine unsigned = first(l -> l.ok() && l.cases().stream().noneMatch(c -> c.startsWith("dnssec:")));
        Message plain = DnsProbe.askValidated(testbed.resolver(), unsigned.domain(), Type.SOA, t);
        assertThat(plain.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(plain.getHeader().getFlag(org.xbill.DNS.Flags.AD)).isFalse();
    }

    @Test
    void theDomainkeyNodeExistsOnlyWhereDkimIsLikely() throws IOException {
        DomainTruthLine likely = first(l -> l.counts(Metric.DKIM_LIKELY) && !l.counts(Metric.DKIM_FOUND));
        assertThat(answer("_domainkey." + likely.domain(), Type.TXT)).isEmpty(); // empty non-terminal: NODATA
        DomainTruthLine none = first(l -> l.ok() && l.counts(Metric.MX_PRESENT) && !l.counts(Metric.DKIM_LIKELY));
        assertThat(Rcode.string(ask("_domainkey." + none.domain(), Type.TXT).getRcode())).isEqualTo("NXDOMAIN");
    }

    @Test
    void idnDomainsResolveByTheirALabel() throws IOException {
        DomainTruthLine idn = first(l -> l.counts(Metric.IDN));
        assertThat(Rcode.string(ask(idn.domain(), Type.SOA).getRcode())).isEqualTo("NOERROR");
    }

    @Test
    void selfHostedMailServersHaveAddressesIn127AndReverseNames() throws IOException {
        DomainTruthLine self = first(l -> l.hasCase("mx:self-hosted") && !l.hasCase("mx:cname"));
        List<Record> a = answer("mail." + self.domain(), Type.A);
        assertThat(a).singleElement().satisfies(r -> {
            String address = r.rdataToString();
            assertThat(address).startsWith("127.").isNotEqualTo("127.0.0.1");
            String[] o = address.split("\\.");
            String ptr = o[3] + "." + o[2] + "." + o[1] + "." + o[0] + ".in-addr.arpa";
            assertThat(answerUnchecked(ptr, Type.PTR)).hasSize(1);
        });
    }

    private static List<Record> answerUnchecked(String name, int type) {
        try {
            return answer(name, type);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theResolverKnowsOnlyTheLocalRoot() throws IOException {
        assertThat(answer(".", Type.NS)).extracting(r -> ((NSRecord) r).getTarget().toString())
                .containsExactly(Infrastructure.ROOT_SERVER);
    }

    /** Every domain, asked through the resolver, against the truth for a few DNS-only metrics. */
    @Test
    void everyDomainAnswersAsTheTruthCounts() throws Exception {
        AtomicLong error = new AtomicLong();
        AtomicLong mx = new AtomicLong();
        AtomicLong nullMx = new AtomicLong();
        AtomicLong signed = new AtomicLong();
        AtomicLong spf = new AtomicLong();
        List<String> disagreements = java.util.Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<?>> done = new ArrayList<>();
            for (DomainTruthLine line : lines) {
                done.add(pool.submit(() -> {
                    Message m = ask(line.domain(), Type.MX);
                    if (m.getRcode() == Rcode.SERVFAIL) {
                        error.incrementAndGet();
                        return null;
                    }
                    List<Record> mxs = m.getSection(Section.ANSWER).stream().filter(r -> r.getType() == Type.MX).toList();
                    if (!mxs.isEmpty() != line.counts(Metric.MX_PRESENT)) {
                        disagreements.add(line.domain() + " mx");
                    }
                    if (mxs.isEmpty()) {
                        return null;
                    }
                    mx.incrementAndGet();
                    if (mxs.size() == 1 && ((MXRecord) mxs.get(0)).getTarget().equals(Name.root)) {
                        nullMx.incrementAndGet();
                    }
                    if (!answer(line.domain(), Type.DS).isEmpty()) {
                        signed.incrementAndGet();
                    }
                    if (answer(line.domain(), Type.TXT).stream()
                            .map(r -> String.join("", ((TXTRecord) r).getStrings()))
                            .anyMatch(t -> t.matches("(?i)v=spf1( .*)?"))) {
                        spf.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        System.out.printf("asked 1,000 domains through the resolver in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertThat(disagreements).isEmpty();
        assertThat(error.get()).isEqualTo(testbed.truth().get("domains.error"));
        assertThat(mx.get()).isEqualTo(testbed.truth().get("mx.present"));
        assertThat(nullMx.get()).isEqualTo(testbed.truth().get("mx.null"));
        assertThat(spf.get()).isEqualTo(testbed.truth().get("spf.present"));
        // only domains with MX were asked for DS here; signed domains without MX are the rest
        long signedWithoutMx = lines.stream()
                .filter(l -> l.counts(Metric.DNSSEC_SIGNED) && !l.counts(Metric.MX_PRESENT)).count();
        assertThat(signed.get() + signedWithoutMx).isEqualTo(testbed.truth().get("dnssec.signed"));
    }
}
