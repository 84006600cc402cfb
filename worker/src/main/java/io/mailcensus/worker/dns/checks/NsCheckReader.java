package io.mailcensus.worker.dns.checks;

import io.mailcensus.schemas.NsCheck;
import io.mailcensus.worker.dns.client.DnsAnswer;
import io.mailcensus.worker.dns.client.Names;
import io.mailcensus.worker.dns.records.RegistrableDomain;
import java.util.List;
import org.xbill.DNS.NSRecord;

/**
 * {@code NS <d>}: the name server host names, sorted, and their providers: the registrable domain
 * of each host under the Public Suffix List ({@link RegistrableDomain}), in host order, once each.
 */
public final class NsCheckReader {

    private NsCheckReader() {}

    public static NsCheck read(DnsAnswer ns) {
        List<String> hosts = ns.records(NSRecord.class).stream()
                .map(r -> Names.text(r.getTarget()))
                .distinct()
                .sorted()
                .toList();
        return NsCheck.newBuilder().setStatus(ns.presence()).setHosts(hosts)
                .setProviders(RegistrableDomain.ofAll(hosts)).build();
    }
}
