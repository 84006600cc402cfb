package io.mailcensus.worker.dns.scan;

import io.mailcensus.schemas.ErrorKind;
import io.mailcensus.schemas.TargetCheck;
import io.mailcensus.worker.dns.checks.TargetCheckReader;
import io.mailcensus.worker.dns.client.DnsAnswer;
import io.mailcensus.worker.dns.client.DnsClient;
import io.mailcensus.worker.dns.client.Names;
import io.mailcensus.worker.dns.client.Query;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.Type;

/**
 * The six client-discovery queries of a domain, all sent at once (checks.md: Autodiscover,
 * Lyncdiscover, SIP federation). The "else" steps are asked in parallel rather than one after
 * another: most domains have none of these names, so the later steps would be asked anyway, and a
 * wave costs less time than a chain.
 */
record DiscoveryQueries(DnsAnswer autodiscoverCname, DnsAnswer autodiscoverA, DnsAnswer autodiscoverSrv,
        DnsAnswer lyncdiscoverCname, DnsAnswer lyncdiscoverA, DnsAnswer sipFederationSrv) {

    static CompletableFuture<DiscoveryQueries> start(DnsClient dns, Name domain) {
        var adCname = under(dns, "autodiscover", domain, Type.CNAME);
        var adA = under(dns, "autodiscover", domain, Type.A);
        var adSrv = under(dns, "_autodiscover._tcp", domain, Type.SRV);
        var lyncCname = under(dns, "lyncdiscover", domain, Type.CNAME);
        var lyncA = under(dns, "lyncdiscover", domain, Type.A);
        var sip = under(dns, "_sipfederationtls._tcp", domain, Type.SRV);
        return CompletableFuture.allOf(adCname, adA, adSrv, lyncCname, lyncA, sip).thenApply(done ->
                new DiscoveryQueries(adCname.join(), adA.join(), adSrv.join(), lyncCname.join(), lyncA.join(), sip.join()));
    }

    List<DnsAnswer> all() {
        return List.of(autodiscoverCname, autodiscoverA, autodiscoverSrv, lyncdiscoverCname, lyncdiscoverA, sipFederationSrv);
    }

    TargetCheck autodiscover() {
        return TargetCheckReader.autodiscover(autodiscoverCname, autodiscoverA, autodiscoverSrv);
    }

    TargetCheck lyncdiscover() {
        return TargetCheckReader.lyncdiscover(lyncdiscoverCname, lyncdiscoverA);
    }

    TargetCheck sipFederation() {
        return TargetCheckReader.sipFederation(sipFederationSrv);
    }

    private static CompletableFuture<DnsAnswer> under(DnsClient dns, String prefix, Name domain, int type) {
        try {
            return dns.query(Name.concatenate(Name.fromConstantString(prefix), domain), type);
        } catch (NameTooLongException e) {
            return CompletableFuture.completedFuture(DnsAnswer.failed(new Query(domain, type),
                    ErrorKind.other, prefix + "." + Names.text(domain) + " is longer than 255 bytes"));
        }
    }
}
