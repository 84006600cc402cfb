package io.mailcensus.worker.dns.scan;

import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.DomainStatus;
import io.mailcensus.schemas.ErrorKind;
import io.mailcensus.schemas.MxCheck;
import io.mailcensus.schemas.QueryError;
import io.mailcensus.schemas.ScanTask;
import io.mailcensus.schemas.TargetCheck;
import io.mailcensus.worker.dns.checks.BimiCheckReader;
import io.mailcensus.worker.dns.checks.CaaCheckReader;
import io.mailcensus.worker.dns.checks.DkimCheckReader;
import io.mailcensus.worker.dns.checks.DmarcCheckReader;
import io.mailcensus.worker.dns.checks.DnssecCheckReader;
import io.mailcensus.worker.dns.checks.M365EvidenceReader;
import io.mailcensus.worker.dns.checks.MtaStsCheckReader;
import io.mailcensus.worker.dns.checks.MxCheckReader;
import io.mailcensus.worker.dns.checks.MxHostAnswers;
import io.mailcensus.worker.dns.checks.NsCheckReader;
import io.mailcensus.worker.dns.checks.SpfCheckReader;
import io.mailcensus.worker.dns.checks.TlsRptCheckReader;
import io.mailcensus.worker.dns.client.DnsAnswer;
import io.mailcensus.worker.dns.client.DnsClient;
import io.mailcensus.worker.dns.client.DnsClientSpfDns;
import io.mailcensus.worker.dns.client.DnssecVerdict;
import io.mailcensus.worker.dns.client.Names;
import io.mailcensus.worker.dns.client.Query;
import io.mailcensus.worker.dns.dnssec.DnssecMode;
import io.mailcensus.worker.dns.records.DomainNames;
import io.mailcensus.worker.spf.CheckHost;
import io.mailcensus.worker.spf.SpfDns;
import io.mailcensus.worker.spf.SpfFacts;
import io.mailcensus.worker.spf.SpfInspector;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The DNS checks of one domain, in three waves:
 * <ol>
 *   <li>NS and DS together: NXDOMAIN for the domain itself ends the scan here.</li>
 *   <li>Everything else that needs only the domain name, all at once.</li>
 *   <li>A and AAAA of every MX host, as soon as the MX answer is in; then PTR of its addresses
 *       and the forward lookup of those names ({@link MxReverseLookups}).</li>
 * </ol>
 */
final class DomainScan {

    /** Enough for any real domain; a zone listing hundreds of MX hosts cannot fan out without bound. */
    static final int MAX_MX_HOSTS = 32;

    private final DnsClient dns;
    private final Clock clock;
    private final ScanTask task;
    private final Instant started;
    private final MxReverseLookups reverseLookups;
    private final DkimPlan dkimPlan;

    DomainScan(DnsClient dns, Clock clock, ScanTask task, DkimPlan dkimPlan) {
        this.dns = dns;
        this.clock = clock;
        this.task = task;
        this.dkimPlan = dkimPlan;
        this.started = clock.instant();
        this.reverseLookups = new MxReverseLookups(dns);
    }

    CompletableFuture<DomainResult> run() {
        Name domain;
        try {
            domain = Name.fromString(task.getDomain(), Name.root);
        } catch (TextParseException e) {
            QueryError error = QueryError.newBuilder().setQname(task.getDomain()).setQtype("NS")
                    .setKind(ErrorKind.other).setDetail("not a domain name: " + e.getMessage()).build();
            return CompletableFuture.completedFuture(base(DomainStatus.error).setErrors(List.of(error)).build());
        }
        CompletableFuture<DnsAnswer> ns = dns.query(domain, Type.NS);
        CompletableFuture<DnsAnswer> ds = dns.query(domain, Type.DS);
        return ns.thenCombine(ds, List::of).thenCompose(first -> domainDoesNotExist(first)
                ? CompletableFuture.completedFuture(nxdomain(first))
                : checkAll(domain, first.get(0), first.get(1)));
    }

    /**
     * NXDOMAIN for the name itself from either first query, and neither saw the name exist. NS
     * comes from the domain's servers, DS from its parent: a timeout on one must not hide the
     * other's NXDOMAIN.
     */
    static boolean domainDoesNotExist(List<DnsAnswer> first) {
        return first.stream().anyMatch(DnsAnswer::nameDoesNotExist)
                && first.stream().noneMatch(a -> a.outcome() == DnsAnswer.Outcome.ANSWER
                        || a.outcome() == DnsAnswer.Outcome.NODATA);
    }

    private DomainResult nxdomain(List<DnsAnswer> first) {
        return base(DomainStatus.nxdomain).setErrors(errorsOf(first)).build();
    }

    private CompletableFuture<DomainResult> checkAll(Name domain, DnsAnswer ns, DnsAnswer ds) {
        CompletableFuture<DnsAnswer> caa = dns.query(domain, Type.CAA);
        CompletableFuture<DnsAnswer> mx = dns.query(domain, Type.MX);
        CompletableFuture<DnsAnswer> txt = dns.query(domain, Type.TXT);
        CompletableFuture<SpfFacts> spf = txt.thenCompose(answer -> spfFacts(domain, answer));
        CompletableFuture<DnsAnswer> dmarc = txtUnder("_dmarc", domain);
        CompletableFuture<DnsAnswer> mtaSts = txtUnder("_mta-sts", domain);
        CompletableFuture<DnsAnswer> tlsRpt = txtUnder("_smtp._tls", domain);
        CompletableFuture<DnsAnswer> bimi = txtUnder("default._bimi", domain);
        // Any type would do to see whether the node exists; TXT is what a DKIM tool would ask.
        CompletableFuture<DnsAnswer> dkimNode = txtUnder("_domainkey", domain);
        CompletableFuture<DkimQueries> dkim = DkimQueries.start(dns, domain, dkimPlan, dkimNode,
                DkimQueries.probe(dns, domain), mx, txt, dmarc);
        CompletableFuture<DmarcAuthorisationQueries> ruaAuth =
                DmarcAuthorisationQueries.start(dns, domain, task.getDomain(), dmarc);
        CompletableFuture<List<MxHostAnswers>> mxHosts = mx.thenCompose(this::resolveMxHosts);
        CompletableFuture<DiscoveryQueries> discovery = DiscoveryQueries.start(dns, domain);

        CompletableFuture<DnssecVerdict> dnssec = verdict(domain, ns);

        return CompletableFuture.allOf(dnssec, caa, txt, spf, dmarc, mtaSts, tlsRpt, bimi, dkimNode, mxHosts, discovery, dkim, ruaAuth).thenApply(done -> {
            List<DnsAnswer> answers = new ArrayList<>(List.of(ns, ds, caa.join(), mx.join(), txt.join(),
                    dmarc.join(), mtaSts.join(), tlsRpt.join(), bimi.join(), dkimNode.join()));
            for (MxHostAnswers h : mxHosts.join()) {
                answers.addAll(h.all());
            }
            answers.addAll(discovery.join().all());
            answers.addAll(dkim.join().all());
            answers.addAll(ruaAuth.join().all());
            // DS is answered by the parent, so it says nothing about whether the domain's own
            // servers work: a delegation to dead or lame servers is an error even though the
            // parent answered.
            boolean nothingAnswered = answers.stream().filter(a -> a != ds).allMatch(DnsAnswer::isError);
            MxCheck mxCheck = MxCheckReader.read(mx.join(), mxHosts.join());
            TargetCheck autodiscover = discovery.join().autodiscover();
            return base(nothingAnswered ? DomainStatus.error : DomainStatus.ok)
                    .setErrors(errorsOf(answers))
                    .setNs(NsCheckReader.read(ns))
                    .setDnssec(DnssecCheckReader.read(ds, dnssec.join()))
                    .setCaa(CaaCheckReader.read(caa.join()))
                    .setMx(mxCheck)
                    .setSpf(SpfCheckReader.read(txt.join(), spf.join()))
                    .setDmarc(DmarcCheckReader.read(dmarc.join(), task.getDomain(), ruaAuth.join().byDestination()))
                    .setMtaSts(MtaStsCheckReader.read(mtaSts.join()))
                    .setTlsRpt(TlsRptCheckReader.read(tlsRpt.join()))
                    .setBimi(BimiCheckReader.read(bimi.join()))
                    .setDkim(DkimCheckReader.read(dkim.join().answers()))
                    .setAutodiscover(autodiscover)
                    .setLyncdiscover(discovery.join().lyncdiscover())
                    .setSipFederation(discovery.join().sipFederation())
                    .setM365(M365EvidenceReader.read(mxCheck, autodiscover, txt.join(), dkim.join().answers().selectors()))
                    .build();
        });
    }

    private CompletableFuture<List<MxHostAnswers>> resolveMxHosts(DnsAnswer mx) {
        Map<String, Name> hosts = new LinkedHashMap<>();
        for (String host : MxCheckReader.mxSet(mx).hosts()) {
            if (hosts.size() == MAX_MX_HOSTS) {
                break;
            }
            mx.records(MXRecord.class).stream()
                    .map(MXRecord::getTarget)
                    .filter(target -> Names.text(target).equals(host))
                    .findFirst()
                    .ifPresent(target -> hosts.put(host, target));
        }
        List<CompletableFuture<MxHostAnswers>> lookups = hosts.entrySet().stream()
                .map(e -> dns.query(e.getValue(), Type.A).thenCombine(dns.query(e.getValue(), Type.AAAA),
                        (a, aaaa) -> new MxHostAnswers(e.getKey(), a, aaaa)).thenCompose(reverseLookups::lookUp))
                .toList();
        return CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new))
                .thenApply(done -> lookups.stream().map(CompletableFuture::join).toList());
    }

    /**
     * The DNSSEC verdict from one validated query, SOA at the apex (every served zone has it);
     * the NS answer, fetched with CD set, is the witness that tells bogus from unreachable.
     */
    private CompletableFuture<DnssecVerdict> verdict(Name domain, DnsAnswer ns) {
        DnssecMode mode = dns.dnssecMode();
        if (mode == DnssecMode.OFF) {
            return CompletableFuture.completedFuture(DnssecVerdict.NOT_CHECKED);
        }
        if (mode == DnssecMode.VALIDATE && !dns.trustAnchor().covers(domain)) {
            return CompletableFuture.completedFuture(DnssecVerdict.noTrustAnchorAbove(task.getDomain()));
        }
        return dns.verdict(domain, Type.SOA).thenApply(answer -> DnssecVerdict.of(answer, ns, mode));
    }

    /**
     * The SPF walk and probe evaluation (their include queries go through the same client and
     * its in-flight cap); null when the TXT query failed or there is no v=spf1 record.
     */
    private CompletableFuture<SpfFacts> spfFacts(Name domain, DnsAnswer txt) {
        SpfDns.Lookup lookup = DnsClientSpfDns.convert(txt, SpfDns.Type.TXT);
        if (txt.isError() || CheckHost.spfRecords(lookup).isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        // A fault in the SPF code must not cost the domain's other results: the facts stay unset.
        return SpfInspector.inspect(new DnsClientSpfDns(dns), Names.text(domain), lookup).toCompletableFuture()
                .exceptionally(failure -> null);
    }

    private CompletableFuture<DnsAnswer> txtUnder(String prefix, Name domain) {
        try {
            return dns.query(Name.concatenate(Name.fromConstantString(prefix), domain), Type.TXT);
        } catch (NameTooLongException e) {
            return CompletableFuture.completedFuture(DnsAnswer.failed(new Query(domain, Type.TXT),
                    ErrorKind.other, prefix + "." + Names.text(domain) + " is longer than 255 bytes"));
        }
    }

    private static List<QueryError> errorsOf(List<DnsAnswer> answers) {
        return answers.stream().map(DnsAnswer::error).filter(Objects::nonNull).toList();
    }

    private DomainResult.Builder base(DomainStatus status) {
        return DomainResult.newBuilder()
                .setScanId(task.getScanId())
                .setDomain(task.getDomain())
                .setDomainUnicode(task.getDomainUnicode())
                .setStatus(status)
                .setIdn(DomainNames.isIdn(task.getDomain()))
                .setStartedAt(started)
                .setFinishedAt(clock.instant());
    }
}
