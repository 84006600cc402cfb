package io.mailcensus.worker.dns.scan;

import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.DkimStatus;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.DomainStatus;
import io.mailcensus.schemas.ErrorKind;
import io.mailcensus.schemas.MxHost;
import io.mailcensus.schemas.QueryError;
import io.mailcensus.schemas.ScanTask;
import io.mailcensus.schemas.SpfAll;
import io.mailcensus.worker.dns.client.DnsSettings;
import io.mailcensus.worker.testing.FakeResolver.Behaviour;
import io.mailcensus.worker.testing.FakeResolver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Type;
import static org.assertj.core.api.Assertions.assertThat;

class DomainCheckerTest {

    private static final DnsSettings SETTINGS = DnsSettings.defaults().withTimeout(Duration.ofSeconds(1));

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    /** A domain with every record this step reads. */
    static FakeResolver example() {
        return new FakeResolver().add(
                "example.ch. 300 IN NS ns1.dns.example.",
                "example.ch. 300 IN NS ns2.dns.example.",
                "example.ch. 300 IN DS 12345 13 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
                "example.ch. 300 IN CAA 0 issue \"letsencrypt.org\"",
                "example.ch. 300 IN CAA 0 issuewild \";\"",
                "example.ch. 300 IN CAA 0 iodef \"mailto:sec@example.ch\"",
                "example.ch. 300 IN MX 20 mx2.example.ch.",
                "example.ch. 300 IN MX 10 mx1.example.ch.",
                "example.ch. 300 IN MX 10 mx1.example.ch.",
                "example.ch. 300 IN TXT \"v=spf1 ip4:192.0.2.0/24 \" \"include:_spf.provider.example -all\"",
                "example.ch. 300 IN TXT \"google-site-verification=abc\"",
                "mx1.example.ch. 300 IN A 192.0.2.25",
                "mx1.example.ch. 300 IN AAAA 2001:db8:0:0:0:0:0:25",
                "mx2.example.ch. 300 IN CNAME mx.provider.example.",
                "mx.provider.example. 300 IN A 198.51.100.7",
                "_dmarc.example.ch. 300 IN TXT \"v=DMARC1; p=reject; rua=mailto:d@example.ch\"",
                "_mta-sts.example.ch. 300 IN TXT \"v=STSv1; id=20240101\"",
                "_smtp._tls.example.ch. 300 IN TXT \"v=TLSRPTv1; rua=mailto:tls@example.ch\"",
                "default._bimi.example.ch. 300 IN TXT \"v=BIMI1; l=https://example.ch/logo.svg; a=\"")
                .exists("_domainkey.example.ch");
    }

    private DomainChecker checker(Resolver resolver) {
        return checker(SETTINGS, List.of(resolver));
    }

    private DomainChecker checker(DnsSettings settings, List<Resolver> resolvers) {
        DomainChecker checker = new DomainChecker(settings, resolvers, Clock.systemUTC());
        toClose.add(checker);
        for (Resolver r : resolvers) {
            if (r instanceof FakeResolver fake) {
                toClose.add(fake::shutdown);
            }
        }
        return checker;
    }

    static ScanTask task(String domain) {
        return ScanTask.newBuilder().setScanId("test").setDomain(domain).setDomainUnicode(domain)
                .setEnqueuedAt(Instant.EPOCH).build();
    }

    static DomainResult check(DomainChecker checker, String domain) {
        return checker.check(task(domain)).toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join();
    }

    @Test
    void fillsEveryCheckOfThisStep() {
        FakeResolver dns = example();
        Instant before = Instant.now();
        DomainResult r = check(checker(dns), "example.ch");

        assertThat(r.getStatus()).isEqualTo(DomainStatus.ok);
        assertThat(r.getErrors()).isEmpty();
        assertThat(r.getScanId()).isEqualTo("test");
        assertThat(r.getIdn()).isFalse();
        assertThat(r.getStartedAt()).isAfterOrEqualTo(before.minusMillis(1));
        assertThat(r.getFinishedAt()).isAfterOrEqualTo(r.getStartedAt());

        assertThat(r.getNs().getStatus()).isEqualTo(CheckStatus.present);
        assertThat(r.getNs().getHosts()).containsExactly("ns1.dns.example", "ns2.dns.example");
        assertThat(r.getDnssec().getSigned()).isEqualTo(CheckStatus.present);
        assertThat(r.getDnssec().getDs()).singleElement().asString().startsWith("12345 13 2 ");
        assertThat(r.getDnssec().getValidation()).hasToString("not_checked");

        assertThat(r.getCaa().getStatus()).isEqualTo(CheckStatus.present);
        assertThat(r.getCaa().getRecords()).hasSize(3).contains("0 issue \"letsencrypt.org\"");
        assertThat(r.getCaa().getIssue()).containsExactly("letsencrypt.org");
        assertThat(r.getCaa().getIssuewild()).containsExactly(";");
        assertThat(r.getCaa().getIodef()).containsExactly("mailto:sec@example.ch");

        assertThat(r.getMx().getStatus()).isEqualTo(CheckStatus.present);
        assertThat(r.getMx().getRecords()).extracting(m -> m.getPreference() + " " + m.getHost())
                .containsExactly("10 mx1.example.ch", "20 mx2.example.ch");
        assertThat(r.getMx().getNullMx()).isFalse();
        assertThat(r.getMx().getLocalhost()).isFalse();
        assertThat(r.getMx().getCnameHosts()).containsExactly("mx2.example.ch");
        assertThat(r.getMx().getHosts()).extracting(MxHost::getName, MxHost::getStatus, MxHost::getIpv4, MxHost::getIpv6)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("mx1.example.ch", CheckStatus.present, List.of("192.0.2.25"), List.of("2001:db8::25")),
                        org.assertj.core.groups.Tuple.tuple("mx2.example.ch", CheckStatus.present, List.of("198.51.100.7"), List.of()));
        // No PTR records in this zone: reverse DNS cannot confirm anything.
        assertThat(r.getMx().getHosts()).allMatch(h -> Boolean.FALSE.equals(h.getFcrdns()) && h.getPtr().isEmpty());

        assertThat(r.getSpf().getStatus()).isEqualTo(CheckStatus.present);
        assertThat(r.getSpf().getRecords()).containsExactly("v=spf1 ip4:192.0.2.0/24 include:_spf.provider.example -all");
        assertThat(r.getSpf().getMultiple()).isFalse();
        assertThat(r.getSpf().getAll()).isEqualTo(SpfAll.fail);
        assertThat(r.getSpf().getNoMail()).isFalse();

        assertThat(r.getDmarc().getStatus()).isEqualTo(CheckStatus.present);
        assertThat(r.getDmarc().getP()).isEqualTo("reject");
        assertThat(r.getDmarc().getRua()).containsExactly("mailto:d@example.ch");
        assertThat(r.getMtaSts().getStatus()).isEqualTo(CheckStatus.present);
        assertThat(r.getMtaSts().getId()).isEqualTo("20240101");
        assertThat(r.getMtaSts().getPolicyStatus()).hasToString("not_checked");
        assertThat(r.getTlsRpt().getStatus()).isEqualTo(CheckStatus.present);
        assertThat(r.getTlsRpt().getRua()).containsExactly("mailto:tls@example.ch");
        assertThat(r.getBimi().getStatus()).isEqualTo(CheckStatus.present);
        assertThat(r.getBimi().getLogo()).isEqualTo("https://example.ch/logo.svg");
        assertThat(r.getBimi().getEvidence()).isNull();
        assertThat(r.getDkim().getStatus()).isEqualTo(DkimStatus.likely);
        assertThat(r.getDkim().getNode()).isEqualTo(CheckStatus.present);
        assertThat(r.getDkim().getKeys()).isEmpty();

        assertThat(r.getAutodiscover().getStatus()).isEqualTo(CheckStatus.absent);
        assertThat(r.getNs().getProviders()).containsExactly("dns.example");
        assertThat(r.getMx().getProviders()).containsExactly("example.ch");
        assertThat(r.getSecurityTxt().getStatus()).hasToString("not_checked");
    }

    @Test
    void everyQueryIsAskedOnceAndMxAddressesOnlyAfterTheMxAnswer() {
        FakeResolver dns = example();
        check(checker(dns), "example.ch");
        List<String> log = dns.log();
        // 10 for the domain, 6 discovery, A+AAAA of two MX hosts, PTR of their three addresses,
        // the DKIM wildcard probe and 23 selectors (the rua address is internal: no authorisation
        // query), and the SPF include's TXT.
        assertThat(log).hasSize(48).doesNotHaveDuplicates();
        assertThat(log.subList(0, 2)).containsExactlyInAnyOrder("NS example.ch.", "DS example.ch.");
        int mx = log.indexOf("MX example.ch.");
        assertThat(log.indexOf("A mx1.example.ch.")).isGreaterThan(mx);
        assertThat(log.indexOf("AAAA mx2.example.ch.")).isGreaterThan(mx);
    }

    @Test
    void independentQueriesOfOneDomainRunConcurrently() {
        FakeResolver dns = new FakeResolver(Duration.ofMillis(50));
        dns.add("example.ch. 300 IN NS ns1.dns.example.", "example.ch. 300 IN MX 10 mx1.example.ch.",
                "mx1.example.ch. 300 IN A 192.0.2.25");
        check(checker(dns), "example.ch");
        assertThat(dns.maxOutstanding()).as("the second wave goes out together").isGreaterThanOrEqualTo(8);
    }

    record Target(String name, int type, Function<DomainResult, Object> status) {
        @Override
        public String toString() {
            return Type.string(type) + " " + name;
        }
    }

    static final List<Target> TARGETS = List.of(
            new Target("example.ch", Type.NS, r -> r.getNs().getStatus()),
            new Target("example.ch", Type.DS, r -> r.getDnssec().getSigned()),
            new Target("example.ch", Type.CAA, r -> r.getCaa().getStatus()),
            new Target("example.ch", Type.MX, r -> r.getMx().getStatus()),
            new Target("example.ch", Type.TXT, r -> r.getSpf().getStatus()),
            new Target("_dmarc.example.ch", Type.TXT, r -> r.getDmarc().getStatus()),
            new Target("_mta-sts.example.ch", Type.TXT, r -> r.getMtaSts().getStatus()),
            new Target("_smtp._tls.example.ch", Type.TXT, r -> r.getTlsRpt().getStatus()),
            new Target("default._bimi.example.ch", Type.TXT, r -> r.getBimi().getStatus()),
            new Target("_domainkey.example.ch", Type.TXT, r -> r.getDkim().getNode()),
            new Target("mx1.example.ch", Type.A, r -> host(r, "mx1.example.ch").getStatus()),
            new Target("mx1.example.ch", Type.AAAA, r -> host(r, "mx1.example.ch").getStatus()));

    record Failure(String label, Behaviour behaviour, ErrorKind kind) {
        @Override
        public String toString() {
            return label;
        }
    }

    static final List<Failure> FAILURES = List.of(
            new Failure("SERVFAIL", new FakeResolver.Rcoded(Rcode.SERVFAIL), ErrorKind.servfail),
            new Failure("REFUSED", new FakeResolver.Rcoded(Rcode.REFUSED), ErrorKind.refused),
            new Failure("FORMERR", new FakeResolver.Rcoded(Rcode.FORMERR), ErrorKind.formerr),
            new Failure("NOTIMP", new FakeResolver.Rcoded(Rcode.NOTIMP), ErrorKind.notimp),
            new Failure("timeout", new FakeResolver.Timeout(), ErrorKind.timeout),
            new Failure("network error", new FakeResolver.NetworkError(), ErrorKind.network),
            new Failure("truncated", new FakeResolver.Truncated(), ErrorKind.truncated));

    static Stream<Arguments> everyQueryTimesEveryFailure() {
        return TARGETS.stream().flatMap(t -> FAILURES.stream().map(f -> Arguments.of(t, f)));
    }

    @ParameterizedTest(name = "{0} gets {1}")
    @MethodSource("everyQueryTimesEveryFailure")
    void aFailedQueryIsAnErrorNeverAbsent(Target target, Failure failure) {
        FakeResolver dns = example().always(target.name(), target.type(), failure.behaviour());
        DomainResult r = check(checker(dns), "example.ch");

        assertThat(target.status().apply(r)).isEqualTo(CheckStatus.error);
        assertThat(r.getErrors()).containsExactly(QueryError.newBuilder()
                .setQname(target.name()).setQtype(Type.string(target.type())).setKind(failure.kind())
                .setDetail(r.getErrors().getFirst().getDetail()).build());
        assertThat(r.getErrors().getFirst().getDetail()).isNotBlank();
        assertThat(r.getStatus()).as("the rest of the domain was scanned").isEqualTo(DomainStatus.ok);
    }

    @Test
    void dkimNodeErrorMakesDkimError() {
        FakeResolver dns = example().always("_domainkey.example.ch", Type.TXT, new FakeResolver.Rcoded(Rcode.SERVFAIL));
        assertThat(check(checker(dns), "example.ch").getDkim().getStatus()).isEqualTo(DkimStatus.error);
    }

    @Test
    void onlyTimeoutsAreRetried() {
        FakeResolver dns = example()
                .always("_dmarc.example.ch", Type.TXT, new FakeResolver.Timeout())
                .always("_mta-sts.example.ch", Type.TXT, new FakeResolver.Rcoded(Rcode.SERVFAIL))
                .always("_smtp._tls.example.ch", Type.TXT, new FakeResolver.NetworkError());
        check(checker(dns), "example.ch");
        assertThat(dns.count("TXT", "_dmarc.example.ch")).isEqualTo(1 + SETTINGS.retries());
        assertThat(dns.count("TXT", "_mta-sts.example.ch")).isEqualTo(1);
        assertThat(dns.count("TXT", "_smtp._tls.example.ch")).isEqualTo(1);
    }

    @Test
    void aRetryThatAnswersLeavesNoError() {
        FakeResolver dns = example().script("example.ch", Type.MX, new FakeResolver.Timeout(), new FakeResolver.Timeout());
        DomainResult r = check(checker(dns), "example.ch");
        assertThat(r.getMx().getStatus()).isEqualTo(CheckStatus.present);
        assertThat(r.getErrors()).isEmpty();
        assertThat(dns.count("MX", "example.ch")).isEqualTo(3);
    }

    @Test
    void aDelegationToDeadServersIsAnErrorEvenThoughTheParentAnswersDs() {
        FakeResolver.Behaviour servfail = new FakeResolver.Rcoded(Rcode.SERVFAIL);
        FakeResolver dns = new FakeResolver().add(
                "dead.ch. 300 IN DS 12345 13 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF");
        for (int type : new int[] {Type.NS, Type.CAA, Type.MX, Type.TXT}) {
            dns.always("dead.ch", type, servfail);
        }
        for (String sub : List.of("_dmarc", "_mta-sts", "_smtp._tls", "default._bimi", "_domainkey")) {
            dns.always(sub + ".dead.ch", Type.TXT, servfail);
        }
        for (String sub : List.of("autodiscover", "lyncdiscover")) {
            dns.always(sub + ".dead.ch", Type.CNAME, servfail).always(sub + ".dead.ch", Type.A, servfail);
        }
        for (String sub : List.of("_autodiscover._tcp", "_sipfederationtls._tcp")) {
            dns.always(sub + ".dead.ch", Type.SRV, servfail);
        }
        dns.everythingBelow("dead.ch", servfail); // the DKIM selectors and wildcard probe
        DomainResult r = check(checker(dns), "dead.ch");
        assertThat(r.getStatus()).isEqualTo(DomainStatus.error);
        assertThat(r.getDnssec().getSigned()).isEqualTo(CheckStatus.present);
        assertThat(r.getMx().getStatus()).isEqualTo(CheckStatus.error);
    }

    @Test
    void retriesGoToTheNextResolver() {
        FakeResolver dead = new FakeResolver().everything(new FakeResolver.Timeout());
        FakeResolver alive = example();
        DomainResult r = check(checker(SETTINGS, List.of(dead, alive)), "example.ch");
        assertThat(r.getErrors()).isEmpty();
        assertThat(r.getStatus()).isEqualTo(DomainStatus.ok);
        assertThat(dead.log()).isNotEmpty();
        assertThat(alive.log()).hasSize(48);
    }

    @Test
    void nxdomainForTheDomainEndsTheScanAfterTheFirstQueries() {
        FakeResolver dns = example();
        DomainResult r = check(checker(dns), "gone.ch");
        assertThat(r.getStatus()).isEqualTo(DomainStatus.nxdomain);
        assertThat(dns.log()).containsExactlyInAnyOrder("NS gone.ch.", "DS gone.ch.");
        assertThat(r.getErrors()).isEmpty();
        assertThat(r.getMx().getStatus()).isEqualTo(CheckStatus.not_checked);
        assertThat(r.getSpf().getStatus()).isEqualTo(CheckStatus.not_checked);
        assertThat(r.getDkim().getStatus()).isEqualTo(DkimStatus.not_checked);
        assertThat(r.getFinishedAt()).isAfterOrEqualTo(r.getStartedAt());
    }

    @Test
    void aTimeoutOnNsDoesNotHideNxdomainFromTheParent() {
        FakeResolver dns = example().always("gone.ch", Type.NS, new FakeResolver.Timeout());
        DomainResult r = check(checker(dns), "gone.ch");
        assertThat(r.getStatus()).isEqualTo(DomainStatus.nxdomain);
        assertThat(r.getErrors()).extracting(QueryError::getQtype, QueryError::getKind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("NS", ErrorKind.timeout));
        assertThat(dns.count("MX", "gone.ch")).isZero();
    }

    @Test
    void nxdomainContradictedByTheOtherAnswerDoesNotEndTheScan() {
        FakeResolver dns = example().always("example.ch", Type.NS, new FakeResolver.Rcoded(Rcode.NXDOMAIN));
        DomainResult r = check(checker(dns), "example.ch");
        assertThat(r.getStatus()).isEqualTo(DomainStatus.ok);
        assertThat(r.getNs().getStatus()).isEqualTo(CheckStatus.absent);
        assertThat(r.getMx().getStatus()).isEqualTo(CheckStatus.present);
    }

    @Test
    void aDomainWhereEveryQueryTimesOutIsAnError() {
        FakeResolver dns = new FakeResolver().everything(new FakeResolver.Timeout());
        DomainResult r = check(checker(dns), "example.ch");
        assertThat(r.getStatus()).isEqualTo(DomainStatus.error);
        // 16 as before, plus the DKIM wildcard probe and 23 selectors (a failed answer is no reason to skip them)
        assertThat(r.getErrors()).hasSize(40).allMatch(e -> e.getKind() == ErrorKind.timeout);
        assertThat(r.getMx().getStatus()).isEqualTo(CheckStatus.error);
        assertThat(r.getSpf().getStatus()).isEqualTo(CheckStatus.error);
        assertThat(r.getDkim().getStatus()).isEqualTo(DkimStatus.error);
        assertThat(dns.log()).hasSize(40 * (1 + SETTINGS.retries()));
    }

    @Test
    void aResolverThatNeverAnswersIsCaughtByTheGuard() {
        FakeResolver dns = example().always("example.ch", Type.CAA, new FakeResolver.Hang());
        DnsSettings fast = SETTINGS.withTimeout(Duration.ofMillis(100)).withRetries(0);
        long start = System.nanoTime();
        DomainResult r = check(checker(fast, List.of(dns)), "example.ch");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(r.getCaa().getStatus()).isEqualTo(CheckStatus.error);
        assertThat(r.getErrors()).singleElement().satisfies(e -> assertThat(e.getKind()).isEqualTo(ErrorKind.timeout));
    }

    @Test
    void theInFlightCapHoldsAcrossDomains() {
        FakeResolver dns = new FakeResolver(Duration.ofMillis(5));
        for (int i = 0; i < 30; i++) {
            dns.add("d" + i + ".ch. 300 IN NS ns.dns.example.", "d" + i + ".ch. 300 IN MX 10 mx.d" + i + ".ch.",
                    "mx.d" + i + ".ch. 300 IN A 192.0.2." + (i + 1));
        }
        DomainChecker checker = checker(SETTINGS.withMaxInFlight(4), List.of(dns));
        List<CompletableFuture<DomainResult>> all = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            all.add(checker.check(task("d" + i + ".ch")).toCompletableFuture());
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS).join();
        assertThat(all).allMatch(f -> f.join().getStatus() == DomainStatus.ok && f.join().getErrors().isEmpty());
        assertThat(dns.maxOutstanding()).isEqualTo(4);
        // 10 + 6 discovery + A, AAAA, PTR of the MX host + DKIM probe; _domainkey is NXDOMAIN, so
        // the 23 selectors are skipped (RFC 8020)
        assertThat(dns.log()).hasSize(30 * 20);
        assertThat(checker.inFlight()).isZero();
    }

    @Test
    void nullMxResolvesNoAddresses() {
        FakeResolver dns = new FakeResolver().add("nomail.ch. 300 IN NS ns.dns.example.", "nomail.ch. 300 IN MX 0 .",
                "nomail.ch. 300 IN TXT \"v=spf1 -all\"");
        DomainResult r = check(checker(dns), "nomail.ch");
        assertThat(r.getMx().getNullMx()).isTrue();
        assertThat(r.getMx().getRecords()).extracting(m -> m.getPreference() + " " + m.getHost()).containsExactly("0 .");
        assertThat(r.getMx().getHosts()).isEmpty();
        assertThat(dns.log()).noneMatch(q -> (q.startsWith("A ") || q.startsWith("AAAA ")) && !q.contains("discover."));
        assertThat(r.getSpf().getNoMail()).isTrue();
    }

    @Test
    void localhostByNameOrByLoopbackAddressesOnly() {
        assertThat(localhost("10 localhost.", "localhost. 300 IN A 127.0.0.1")).isTrue();
        assertThat(localhost("10 localhost.local.ch.", "localhost.local.ch. 300 IN A 192.0.2.1")).as("name alone").isTrue();
        assertThat(localhost("10 mail.local.ch.", "mail.local.ch. 300 IN A 127.0.0.1")).isTrue();
        assertThat(localhost("10 mail.local.ch.", "mail.local.ch. 300 IN AAAA ::1")).isTrue();
        assertThat(localhost("10 mail.local.ch.", "mail.local.ch. 300 IN A 127.0.0.1", "mail.local.ch. 300 IN AAAA ::1")).isTrue();
        assertThat(localhost("10 mail.local.ch.", "mail.local.ch. 300 IN A 127.0.10.1")).as("simulated real server").isFalse();
        assertThat(localhost("10 mail.local.ch.", "mail.local.ch. 300 IN A 127.0.0.1", "mail.local.ch. 300 IN A 192.0.2.1")).isFalse();
    }

    @Test
    void aPartlyFailedAddressLookupNeverCountsAsLocalhost() {
        FakeResolver dns = new FakeResolver().add("local.ch. 300 IN NS ns.dns.example.", "local.ch. 300 IN MX 10 mail.local.ch.",
                "mail.local.ch. 300 IN A 127.0.0.1").always("mail.local.ch", Type.AAAA, new FakeResolver.Rcoded(Rcode.SERVFAIL));
        DomainResult r = check(checker(dns), "local.ch");
        assertThat(r.getMx().getLocalhost()).isFalse();
        assertThat(host(r, "mail.local.ch").getStatus()).isEqualTo(CheckStatus.error);
        assertThat(host(r, "mail.local.ch").getIpv4()).containsExactly("127.0.0.1");
    }

    private boolean localhost(String mx, String... hostRecords) {
        FakeResolver dns = new FakeResolver().add("local.ch. 300 IN NS ns.dns.example.", "local.ch. 300 IN MX " + mx).add(hostRecords);
        return check(checker(dns), "local.ch").getMx().getLocalhost();
    }

    @Test
    void mxHostWithoutAddressesIsAbsent() {
        FakeResolver dns = new FakeResolver().add("d.ch. 300 IN NS ns.dns.example.", "d.ch. 300 IN MX 10 nowhere.d.ch.");
        DomainResult r = check(checker(dns), "d.ch");
        assertThat(host(r, "nowhere.d.ch").getStatus()).isEqualTo(CheckStatus.absent);
        assertThat(r.getErrors()).isEmpty();
    }

    @Test
    void missingRecordsAreAbsent() {
        FakeResolver dns = new FakeResolver().add("bare.ch. 300 IN NS ns.dns.example.");
        DomainResult r = check(checker(dns), "bare.ch");
        assertThat(r.getStatus()).isEqualTo(DomainStatus.ok);
        assertThat(List.of(r.getDnssec().getSigned(), r.getCaa().getStatus(), r.getMx().getStatus(), r.getSpf().getStatus(),
                r.getDmarc().getStatus(), r.getMtaSts().getStatus(), r.getTlsRpt().getStatus(), r.getBimi().getStatus(),
                r.getDkim().getNode())).containsOnly(CheckStatus.absent);
        assertThat(r.getDkim().getStatus()).isEqualTo(DkimStatus.unknown);
        assertThat(r.getSpf().getAll()).isEqualTo(SpfAll.none);
        assertThat(r.getErrors()).isEmpty();
    }

    @Test
    void severalSpfRecordsAreInvalid() {
        FakeResolver dns = new FakeResolver().add("two.ch. 300 IN NS ns.dns.example.",
                "two.ch. 300 IN TXT \"v=spf1 -all\"", "two.ch. 300 IN TXT \"v=spf1 mx ~all\"", "two.ch. 300 IN TXT \"spf2.0/pra -all\"");
        DomainResult r = check(checker(dns), "two.ch");
        assertThat(r.getSpf().getStatus()).isEqualTo(CheckStatus.invalid);
        assertThat(r.getSpf().getMultiple()).isTrue();
        assertThat(r.getSpf().getRecords()).containsExactly("v=spf1 -all", "v=spf1 mx ~all");
        assertThat(r.getSpf().getPermerror()).contains("RFC 7208");
    }

    @Test
    void dmarcThatDoesNotParseOrIsDoubledIsInvalidWithAReason() {
        FakeResolver bad = new FakeResolver().add("bad.ch. 300 IN NS ns.dns.example.",
                "_dmarc.bad.ch. 300 IN TXT \"v=DMARC1; p=block\"");
        DomainResult r = check(checker(bad), "bad.ch");
        assertThat(r.getDmarc().getStatus()).isEqualTo(CheckStatus.invalid);
        assertThat(r.getDmarc().getInvalidReason()).contains("p=block");
        assertThat(r.getDmarc().getRecords()).containsExactly("v=DMARC1; p=block");

        FakeResolver two = new FakeResolver().add("two.ch. 300 IN NS ns.dns.example.",
                "_dmarc.two.ch. 300 IN TXT \"v=DMARC1; p=none\"", "_dmarc.two.ch. 300 IN TXT \"v=DMARC1; p=reject\"");
        DomainResult r2 = check(checker(two), "two.ch");
        assertThat(r2.getDmarc().getStatus()).isEqualTo(CheckStatus.invalid);
        assertThat(r2.getDmarc().getInvalidReason()).startsWith("2 DMARC records");
        assertThat(r2.getDmarc().getP()).isNull();
    }

    @Test
    void txtThroughACnameIsFollowed() {
        FakeResolver dns = new FakeResolver().add("c.ch. 300 IN NS ns.dns.example.",
                "_dmarc.c.ch. 300 IN CNAME c.dmarc.provider.example.",
                "c.dmarc.provider.example. 300 IN TXT \"v=DMARC1; p=quarantine\"");
        assertThat(check(checker(dns), "c.ch").getDmarc().getP()).isEqualTo("quarantine");
    }

    @Test
    void idnFlag() {
        FakeResolver dns = new FakeResolver().add("xn--bcher-kva.ch. 300 IN NS ns.dns.example.");
        ScanTask t = ScanTask.newBuilder(task("xn--bcher-kva.ch")).setDomainUnicode("bücher.ch").build();
        DomainResult r = checker(dns).check(t).toCompletableFuture().join();
        assertThat(r.getIdn()).isTrue();
        assertThat(r.getDomainUnicode()).isEqualTo("bücher.ch");
    }

    @Test
    void aNameThatIsNotADomainIsAnErrorResult() {
        DomainResult r = check(checker(new FakeResolver()), "bad..name");
        assertThat(r.getStatus()).isEqualTo(DomainStatus.error);
        assertThat(r.getErrors()).singleElement().satisfies(e -> assertThat(e.getDetail()).contains("not a domain name"));
    }

    @Test
    void afterCloseChecksFail() {
        DomainChecker checker = checker(example());
        checker.close();
        assertThat(checker.check(task("example.ch")).toCompletableFuture())
                .failsWithin(Duration.ofSeconds(1))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(IllegalStateException.class);
    }

    static MxHost host(DomainResult r, String name) {
        return r.getMx().getHosts().stream().filter(h -> h.getName().equals(name)).findFirst()
                .orElseThrow(() -> new CompletionException(new AssertionError("no MX host " + name)));
    }
}
