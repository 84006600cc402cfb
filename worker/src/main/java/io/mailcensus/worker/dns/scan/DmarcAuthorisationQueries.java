package io.mailcensus.worker.dns.scan;

import io.mailcensus.schemas.ErrorKind;
import io.mailcensus.worker.dns.checks.DmarcCheckReader;
import io.mailcensus.worker.dns.client.DnsAnswer;
import io.mailcensus.worker.dns.client.DnsClient;
import io.mailcensus.worker.dns.client.Names;
import io.mailcensus.worker.dns.client.Query;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * RFC 7489 7.1: one {@code TXT <policy-domain>._report._dmarc.<destination>} per external rua
 * destination domain, asked once the DMARC record is in. Most records name none or one.
 */
record DmarcAuthorisationQueries(Map<String, DnsAnswer> byDestination) {

    /** Enough for any sane record; a list of hundreds of addresses cannot fan out without bound. */
    static final int MAX_DESTINATIONS = 8;

    static CompletableFuture<DmarcAuthorisationQueries> start(DnsClient dns, Name domain, String policyDomain,
            CompletableFuture<DnsAnswer> dmarc) {
        return dmarc.thenCompose(answer -> {
            Map<String, CompletableFuture<DnsAnswer>> asked = new LinkedHashMap<>();
            for (String destination : DmarcCheckReader.externalDestinations(policyDomain, answer)) {
                if (asked.size() == MAX_DESTINATIONS) {
                    break;
                }
                asked.put(destination, query(dns, domain, destination));
            }
            return CompletableFuture.allOf(asked.values().toArray(CompletableFuture[]::new)).thenApply(done -> {
                Map<String, DnsAnswer> answers = new LinkedHashMap<>();
                asked.forEach((destination, a) -> answers.put(destination, a.join()));
                return new DmarcAuthorisationQueries(answers);
            });
        });
    }

    List<DnsAnswer> all() {
        return List.copyOf(byDestination.values());
    }

    private static CompletableFuture<DnsAnswer> query(DnsClient dns, Name domain, String destination) {
        try {
            Name name = Name.concatenate(domain.relativize(Name.root),
                    Name.fromString("_report._dmarc." + destination, Name.root));
            return dns.query(name, Type.TXT);
        } catch (TextParseException | org.xbill.DNS.NameTooLongException e) {
            return CompletableFuture.completedFuture(DnsAnswer.failed(new Query(domain, Type.TXT), ErrorKind.other,
                    Names.text(domain) + "._report._dmarc." + destination + ": " + e.getMessage()));
        }
    }
}
