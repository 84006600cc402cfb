package io.mailcensus.worker.spf;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.ScanTask;
import io.mailcensus.schemas.SpfCheck;
import io.mailcensus.worker.dns.client.DnsClient;
import io.mailcensus.worker.dns.client.DnsClientSpfDns;
import io.mailcensus.worker.dns.client.DnsSettings;
import io.mailcensus.worker.dns.scan.DomainChecker;
import io.mailcensus.worker.testing.FakeResolver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The per-domain SPF facts, over the worker's real DnsClient on an in-memory resolver. */
class SpfInspectorTest {

    private static final DnsSettings SETTINGS = DnsSettings.defaults().withTimeout(Duration.ofSeconds(1));

    private final FakeResolver zone = new FakeResolver(Duration.ofMillis(1));
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        zone.shutdown();
    }

    private FakeResolver spf(String name, String... texts) {
        for (String text : texts) {
            // A character-string holds at most 255 bytes; long records are several strings.
            StringBuilder strings = new StringBuilder();
            for (int i = 0; i < text.length(); i += 200) {
                strings.append(" \"").append(text, i, Math.min(text.length(), i + 200)).append('"');
            }
            zone.add(name + ". 300 IN TXT" + strings);
        }
        return zone;
    }

    private SpfFacts inspect(String domain) {
        DnsClient client = new DnsClient(List.of(zone), SETTINGS);
        toClose.add(client);
        SpfDns dns = new DnsClientSpfDns(client);
        SpfDns.Lookup txt = dns.lookup(domain, SpfDns.Type.TXT).toCompletableFuture().join();
        return SpfInspector.inspect(dns, domain, txt).toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join();
    }

    @Test
    void counts_terms_through_an_include_chain() {
        spf("a.example", "v=spf1 ip4:198.51.100.0/24 include:b.example include:c.example -all");
        spf("b.example", "v=spf1 include:d.example ~all");
        spf("c.example", "v=spf1 ip6:2001:db8::/32 ?all");
        spf("d.example", "v=spf1 ip4:203.0.113.1 -all");

        SpfFacts facts = inspect("a.example");

        assertThat(facts.dnsTerms()).isEqualTo(3);
        assertThat(facts.voidLookups()).isZero();
        assertThat(facts.permerror()).isNull();
        assertThat(facts.probe().result()).isEqualTo(SpfResult.FAIL);
    }

    @Test
    void passes_the_probe_when_the_policy_allows_it() {
        spf("a.example", "v=spf1 include:b.example -all");
        spf("b.example", "v=spf1 ip4:192.0.2.0/24 -all");

        assertThat(inspect("a.example").probe().result()).isEqualTo(SpfResult.PASS);
    }

    @Test
    void detects_an_include_loop_and_stops() {
        spf("a.example", "v=spf1 include:b.example -all");
        spf("b.example", "v=spf1 include:a.example -all");

        SpfFacts facts = inspect("a.example");

        assertThat(facts.permerror()).contains("include loop").contains("a.example -> b.example -> a.example");
        assertThat(facts.dnsTerms()).isEqualTo(2);
        // check_host() itself ends a loop through the limit of 10.
        assertThat(facts.probe().result()).isEqualTo(SpfResult.PERMERROR);
    }

    @Test
    void counts_beyond_ten_terms_and_reports_the_permerror() {
        StringBuilder record = new StringBuilder("v=spf1");
        for (int i = 1; i <= 13; i++) {
            record.append(" include:i").append(i).append(".example");
            spf("i" + i + ".example", "v=spf1 ip4:203.0.113." + i + " -all");
        }
        spf("a.example", record + " -all");

        SpfFacts facts = inspect("a.example");

        assertThat(facts.dnsTerms()).isEqualTo(13);
        assertThat(facts.permerror()).contains("13 DNS-querying terms");
        assertThat(facts.probe().result()).isEqualTo(SpfResult.PERMERROR);
        assertThat(facts.probe().dnsTerms()).isEqualTo(11);
    }

    @Test
    void bounds_the_walk_in_depth() {
        for (int i = 1; i <= 40; i++) {
            spf("n" + i + ".example", "v=spf1 include:n" + (i + 1) + ".example -all");
        }

        SpfFacts facts = inspect("n1.example");

        assertThat(facts.dnsTerms()).isEqualTo(SpfWalk.MAX_DEPTH + 1);
        assertThat(facts.permerror()).contains("at least 11 DNS-querying terms");
    }

    @Test
    void bounds_the_walk_in_breadth() {
        StringBuilder record = new StringBuilder("v=spf1");
        for (int i = 1; i <= 20; i++) {
            record.append(" include:b").append(i).append(".example");
            spf("b" + i + ".example", "v=spf1 include:c.example");
        }
        spf("c.example", "v=spf1 ip4:203.0.113.1 -all");
        spf("a.example", record + " -all");

        SpfFacts facts = inspect("a.example");

        assertThat(facts.dnsTerms()).isEqualTo(SpfWalk.MAX_TERMS);
        assertThat(facts.permerror()).contains("at least 30 DNS-querying terms");
    }

    @Test
    void counts_void_lookups() {
        spf("a.example", "v=spf1 a:gone1.example mx:gone2.example a:gone3.example -all");

        SpfFacts facts = inspect("a.example");

        assertThat(facts.voidLookups()).isEqualTo(3);
        assertThat(facts.permerror()).contains("void lookups");
        assertThat(facts.probe().result()).isEqualTo(SpfResult.PERMERROR);
    }

    @Test
    void follows_a_redirect_but_not_when_all_is_present() {
        spf("a.example", "v=spf1 ip4:203.0.113.0/24 redirect=b.example");
        spf("b.example", "v=spf1 include:c.example ~all");
        spf("c.example", "v=spf1 ip4:198.51.100.1 -all");
        spf("x.example", "v=spf1 -all redirect=b.example");

        SpfFacts redirected = inspect("a.example");
        assertThat(redirected.dnsTerms()).isEqualTo(2);
        assertThat(redirected.probe().result()).isEqualTo(SpfResult.SOFTFAIL);

        SpfFacts ignored = inspect("x.example");
        assertThat(ignored.dnsTerms()).isZero();
        assertThat(ignored.probe().result()).isEqualTo(SpfResult.FAIL);
    }

    @Test
    void an_include_without_a_record_is_a_permerror() {
        spf("a.example", "v=spf1 include:nothing.example -all");

        SpfFacts facts = inspect("a.example");

        assertThat(facts.permerror()).contains("nothing.example has no SPF record");
        assertThat(facts.probe().result()).isEqualTo(SpfResult.PERMERROR);
    }

    @Test
    void a_syntax_error_in_an_included_record_is_reported() {
        spf("a.example", "v=spf1 include:b.example -all");
        spf("b.example", "v=spf1 ip4:300.1.1.1 -all");

        assertThat(inspect("a.example").permerror()).contains("syntax error at b.example");
    }

    @Test
    void several_records_are_a_permerror() {
        spf("a.example", "v=spf1 -all", "v=spf1 +all");

        SpfFacts facts = inspect("a.example");

        assertThat(facts.permerror()).contains("more than one");
        assertThat(facts.probe().result()).isEqualTo(SpfResult.PERMERROR);
    }

    @Test
    void a_timeout_on_an_include_is_a_temperror_not_a_permerror() {
        spf("a.example", "v=spf1 include:slow.example -all");
        zone.always("slow.example", org.xbill.DNS.Type.TXT, new FakeResolver.Timeout());

        SpfFacts facts = inspect("a.example");

        assertThat(facts.permerror()).isNull();
        assertThat(facts.probe().result()).isEqualTo(SpfResult.TEMPERROR);
    }

    @Test
    void the_domain_scan_marks_a_record_with_a_syntax_error_invalid() {
        zone.add("a.example. 300 IN NS ns.a.example.");
        spf("a.example", "v=spf1 ip4:300.1.1.1 -all");
        DomainChecker checker = new DomainChecker(SETTINGS, List.of(zone), Clock.systemUTC());
        toClose.add(checker);

        SpfCheck spf = checker.check(ScanTask.newBuilder().setScanId("t").setDomain("a.example")
                .setDomainUnicode("a.example").setEnqueuedAt(Instant.EPOCH).build())
                .toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join().getSpf();

        assertThat(spf.getStatus()).isEqualTo(CheckStatus.invalid);
        assertThat(spf.getPermerror()).contains("bad IPv4 address");
        assertThat(spf.getEvalResult()).isEqualTo("permerror");
        assertThat(spf.getDnsTerms()).isZero();
    }

    @Test
    void the_domain_scan_stores_the_facts() {
        zone.add("a.example. 300 IN NS ns.a.example.", "a.example. 300 IN MX 10 mx.a.example.",
                "mx.a.example. 300 IN A 198.51.100.25");
        StringBuilder record = new StringBuilder("v=spf1 mx");
        for (int i = 1; i <= 11; i++) {
            record.append(" include:i").append(i).append(".example");
            spf("i" + i + ".example", "v=spf1 -all");
        }
        spf("a.example", record + " -all");
        DomainChecker checker = new DomainChecker(SETTINGS, List.of(zone), Clock.systemUTC());
        toClose.add(checker);

        DomainResult result = checker.check(ScanTask.newBuilder().setScanId("t").setDomain("a.example")
                .setDomainUnicode("a.example").setEnqueuedAt(Instant.EPOCH).build()).toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join();

        SpfCheck spf = result.getSpf();
        assertThat(spf.getStatus()).isEqualTo(CheckStatus.present);
        assertThat(spf.getDnsTerms()).isEqualTo(12);
        assertThat(spf.getVoidLookups()).isZero();
        assertThat(spf.getEvalResult()).isEqualTo("permerror");
        assertThat(spf.getPermerror()).contains("12 DNS-querying terms");
    }
}
