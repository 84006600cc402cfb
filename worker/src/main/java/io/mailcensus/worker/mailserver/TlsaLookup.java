package io.mailcensus.worker.mailserver;

import io.mailcensus.schemas.DnssecStatus;
import io.mailcensus.worker.dns.client.DnsAnswer;
import io.mailcensus.worker.dns.client.DnsClient;
import io.mailcensus.worker.dns.client.DnssecVerdict;
import io.mailcensus.worker.dns.dnssec.DnssecMode;
import io.mailcensus.worker.tls.TlsaRecord;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Name;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Looks up {@code TLSA _25._tcp.<mx host>} (RFC 7672 2.2) and judges the answer's DNSSEC
 * status the way the domain's own verdict is judged: the records come from a query with CD set
 * (so bogus records can still be seen), the verdict from a validated query, and a SERVFAIL
 * verdict is bogus only when the CD query got an answer. Never completes exceptionally.
 *
 * <p>Not done here: following a CNAME'd MX host to look for TLSA at the target's base domain
 * first (RFC 7672 2.2.2); the records are asked for at the MX name as the domain published it.
 */
public final class TlsaLookup implements MailServerProber.Tlsa {

    private final DnsClient dns;

    public TlsaLookup(DnsClient dns) {
        this.dns = dns;
    }

    @Override
    public CompletableFuture<TlsaFacts> lookup(String mxHost) {
        Name name;
        try {
            name = Name.fromString("_25._tcp." + mxHost + ".");
        } catch (TextParseException e) {
            return CompletableFuture.completedFuture(TlsaFacts.failed("not a DNS name: " + mxHost));
        }
        return dns.query(name, Type.TLSA)
                .thenCompose(answer -> judge(name, answer))
                .exceptionally(e -> TlsaFacts.failed("TLSA lookup failed: " + e));
    }

    private CompletableFuture<TlsaFacts> judge(Name name, DnsAnswer answer) {
        if (answer.isError()) {
            return CompletableFuture.completedFuture(TlsaFacts.failed(
                    answer.error().getKind() + (answer.error().getDetail() == null ? "" : ": " + answer.error().getDetail())));
        }
        List<TlsaRecord> records = answer.records(TLSARecord.class).stream()
                .map(r -> new TlsaRecord(r.getCertificateUsage(), r.getSelector(), r.getMatchingType(),
                        r.getCertificateAssociationData()))
                .toList();
        if (records.isEmpty()) {
            return CompletableFuture.completedFuture(TlsaFacts.absent());
        }
        return verdict(name, answer).thenApply(v -> new TlsaFacts(answer.presence(), records, v.status(), v.reason()));
    }

    private CompletableFuture<DnssecVerdict> verdict(Name name, DnsAnswer witness) {
        DnssecMode mode = dns.dnssecMode();
        if (mode == DnssecMode.OFF) {
            return CompletableFuture.completedFuture(DnssecVerdict.NOT_CHECKED);
        }
        if (mode == DnssecMode.VALIDATE && !dns.trustAnchor().covers(name)) {
            return CompletableFuture.completedFuture(
                    new DnssecVerdict(DnssecStatus.indeterminate, "no trust anchor above " + name));
        }
        return dns.verdict(name, Type.TLSA).thenApply(answer -> DnssecVerdict.of(answer, witness, mode));
    }
}
