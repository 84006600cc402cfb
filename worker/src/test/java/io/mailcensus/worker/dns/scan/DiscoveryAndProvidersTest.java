package io.mailcensus.worker.dns.scan;

import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.DomainStatus;
import io.mailcensus.schemas.MxHost;
import io.mailcensus.worker.dns.client.DnsAnswer;
import io.mailcensus.worker.dns.client.DnsSettings;
import io.mailcensus.worker.dns.client.Query;
import io.mailcensus.worker.testing.FakeResolver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import static org.assertj.core.api.Assertions.assertThat;

/** Providers, reverse DNS of MX hosts, client discovery and Microsoft 365 evidence, end to end on a fake resolver. */
class DiscoveryAndProvidersTest {

    private final FakeResolver dns = new FakeResolver();
    private final DomainChecker checker = new DomainChecker(
            DnsSettings.defaults().withTimeout(Duration.ofMillis(300)).withRetries(0), List.of(dns), Clock.systemUTC());

    @AfterEach
    void close() {
        checker.close();
        dns.shutdown();
    }

    private DomainResult check(String domain) {
        return checker.check(io.mailcensus.schemas.ScanTask.newBuilder().setScanId("t").setDomain(domain)
                        .setDomainUnicode(domain).setEnqueuedAt(Instant.EPOCH).build())
                .toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join();
    }

    /** A Microsoft 365 customer, with name servers at a registrar under a two-label suffix. */
    private void m365Domain() {
        dns.add("contoso.ch. 300 IN NS ns2.registrar.co.uk.",
                "contoso.ch. 300 IN NS ns1.registrar.co.uk.",
                "contoso.ch. 300 IN NS a.ns.contoso.ch.",
                "contoso.ch. 300 IN MX 0 contoso-ch.mail.protection.outlook.com.",
                "contoso.ch. 300 IN MX 10 mx.backup.example.",
                "contoso.ch. 300 IN TXT \"MS=ms12345678\"",
                "contoso.ch. 300 IN TXT \"v=spf1 include:spf.protection.outlook.com -all\"",
                "contoso-ch.mail.protection.outlook.com. 300 IN A 192.0.2.10",
                "contoso-ch.mail.protection.outlook.com. 300 IN A 192.0.2.11",
                "10.2.0.192.in-addr.arpa. 300 IN PTR mail-a.outbound.protection.outlook.com.",
                "mail-a.outbound.protection.outlook.com. 300 IN A 192.0.2.10",
                "11.2.0.192.in-addr.arpa. 300 IN PTR mail-b.outbound.protection.outlook.com.",
                "mail-b.outbound.protection.outlook.com. 300 IN A 192.0.2.99",
                "mx.backup.example. 300 IN A 198.51.100.5",
                "5.100.51.198.in-addr.arpa. 300 IN PTR mx.backup.example.",
                "autodiscover.contoso.ch. 300 IN CNAME autodiscover.outlook.com.",
                "autodiscover.outlook.com. 300 IN A 203.0.113.1",
                "lyncdiscover.contoso.ch. 300 IN CNAME webdir.online.lync.com.",
                "_sipfederationtls._tcp.contoso.ch. 300 IN SRV 100 1 5061 sipfed.online.lync.com.",
                "_sipfederationtls._tcp.contoso.ch. 300 IN SRV 10 1 5061 sip2.contoso.ch.",
                "_sipfederationtls._tcp.contoso.ch. 300 IN SRV 10 5 5061 sip1.contoso.ch.",
                "selector1._domainkey.contoso.ch. 300 IN CNAME selector1-contoso-ch._domainkey.contoso.onmicrosoft.com.");
    }

    @Test
    void providersAreRegistrableDomainsInOrderOnce() {
        m365Domain();
        DomainResult r = check("contoso.ch");
        assertThat(r.getNs().getProviders()).containsExactly("contoso.ch", "registrar.co.uk");
        // Exchange Online shares outlook.com; the report names it by its MX zone (mx_provider.sql).
        assertThat(r.getMx().getProviders()).containsExactly("outlook.com", "backup.example");
    }

    @Test
    void everyMxAddressIsLookedUpInReverseAndConfirmedForward() {
        m365Domain();
        DomainResult r = check("contoso.ch");
        MxHost exchange = r.getMx().getHosts().get(0);
        assertThat(exchange.getPtr()).containsExactly("mail-a.outbound.protection.outlook.com",
                "mail-b.outbound.protection.outlook.com");
        assertThat(exchange.getFcrdns()).as("192.0.2.11's PTR name resolves elsewhere").isFalse();
        MxHost backup = r.getMx().getHosts().get(1);
        assertThat(backup.getPtr()).containsExactly("mx.backup.example");
        assertThat(backup.getFcrdns()).isTrue();
        assertThat(dns.count("A", "mx.backup.example")).as("the host's own answer confirms it").isEqualTo(1);
    }

    @Test
    void reverseLookupsAreCappedPerHost() {
        dns.add("big.ch. 300 IN NS ns.dns.example.", "big.ch. 300 IN MX 10 mx.big.ch.");
        for (int i = 1; i <= 10; i++) {
            dns.add("mx.big.ch. 300 IN A 192.0.2." + i);
        }
        DomainResult r = check("big.ch");
        assertThat(dns.log()).filteredOn(q -> q.startsWith("PTR ")).hasSize(MxReverseLookups.MAX_ADDRESSES);
        assertThat(r.getMx().getHosts().get(0).getFcrdns()).isFalse();
    }

    @Test
    void aFailedReverseLookupLeavesFcrdnsUnknown() {
        dns.add("rev.ch. 300 IN NS ns.dns.example.", "rev.ch. 300 IN MX 10 mx.rev.ch.", "mx.rev.ch. 300 IN A 192.0.2.7")
                .always("7.2.0.192.in-addr.arpa", Type.PTR, new FakeResolver.Rcoded(Rcode.SERVFAIL));
        DomainResult r = check("rev.ch");
        assertThat(r.getMx().getHosts().get(0).getFcrdns()).isNull();
        assertThat(r.getErrors()).extracting(e -> e.getQtype() + " " + e.getQname())
                .containsExactly("PTR 7.2.0.192.in-addr.arpa");
    }

    @Test
    void discoveryNamesTheirTargets() {
        m365Domain();
        DomainResult r = check("contoso.ch");
        assertThat(r.getAutodiscover().getStatus()).isEqualTo(CheckStatus.present);
        assertThat(r.getAutodiscover().getTargets()).containsExactly("autodiscover.outlook.com");
        assertThat(r.getLyncdiscover().getTargets()).containsExactly("webdir.online.lync.com");
        assertThat(r.getSipFederation().getStatus()).isEqualTo(CheckStatus.present);
        assertThat(r.getSipFederation().getTargets())
                .as("all of them, by priority then weight")
                .containsExactly("sip1.contoso.ch", "sip2.contoso.ch", "sipfed.online.lync.com");
    }

    @Test
    void autodiscoverFallsBackToAThenSrv() {
        dns.add("a.ch. 300 IN NS ns.dns.example.", "autodiscover.a.ch. 300 IN A 192.0.2.44",
                "_autodiscover._tcp.a.ch. 300 IN SRV 0 0 443 mail.a.ch.",
                "s.ch. 300 IN NS ns.dns.example.", "_autodiscover._tcp.s.ch. 300 IN SRV 0 0 443 mail.s.ch.",
                "lyncdiscover.a.ch. 300 IN A 192.0.2.45");
        DomainResult a = check("a.ch");
        assertThat(a.getAutodiscover().getTargets()).containsExactly("192.0.2.44");
        assertThat(a.getLyncdiscover().getTargets()).containsExactly("192.0.2.45");
        DomainResult s = check("s.ch");
        assertThat(s.getAutodiscover().getStatus()).isEqualTo(CheckStatus.present);
        assertThat(s.getAutodiscover().getTargets()).containsExactly("mail.s.ch");
        assertThat(s.getLyncdiscover().getStatus()).isEqualTo(CheckStatus.absent);
        assertThat(s.getSipFederation().getStatus()).isEqualTo(CheckStatus.absent);
    }

    @Test
    void aTimeoutIsAnErrorWhileTheRestOfTheDomainIsMeasured() {
        dns.add("half.ch. 300 IN NS ns.dns.example.", "half.ch. 300 IN MX 10 mx.half.ch.",
                        "mx.half.ch. 300 IN A 192.0.2.8")
                .always("autodiscover.half.ch", Type.CNAME, new FakeResolver.Timeout())
                .always("autodiscover.half.ch", Type.A, new FakeResolver.Timeout())
                .always("_sipfederationtls._tcp.half.ch", Type.SRV, new FakeResolver.Rcoded(Rcode.SERVFAIL));
        DomainResult r = check("half.ch");
        assertThat(r.getStatus()).isEqualTo(DomainStatus.ok);
        assertThat(r.getAutodiscover().getStatus()).isEqualTo(CheckStatus.error);
        assertThat(r.getSipFederation().getStatus()).isEqualTo(CheckStatus.error);
        assertThat(r.getLyncdiscover().getStatus()).isEqualTo(CheckStatus.absent);
        assertThat(r.getMx().getStatus()).isEqualTo(CheckStatus.present);
    }

    @Test
    void aStrayAnswerWithAnotherMessageIdIsAskedAgain() {
        DnsAnswer stray = DnsAnswer.failed(new Query(FakeResolver.name("a.ch"), Type.A), io.mailcensus.schemas.ErrorKind.other,
                "WireParseException: invalid message id: expected 2249; got id 21063");
        DnsAnswer garbled = DnsAnswer.failed(new Query(FakeResolver.name("a.ch"), Type.A), io.mailcensus.schemas.ErrorKind.other,
                "WireParseException: end of input");
        assertThat(stray.isRetryable()).isTrue();
        assertThat(garbled.isRetryable()).isFalse();
    }

    @Test
    void microsoft365EvidenceFromDnsAloneLeavesTheTenantUnchecked() {
        m365Domain();
        DomainResult r = check("contoso.ch");
        // dkim_selector1: DomainScan now passes the DKIM selector answers (selector1 is a CNAME to onmicrosoft.com)
        assertThat(r.getM365().getEvidence()).containsExactly("mx", "autodiscover", "ms_txt", "spf_include", "dkim_selector1");
        assertThat(r.getM365().getStatus()).isEqualTo(CheckStatus.not_checked);
    }
}
