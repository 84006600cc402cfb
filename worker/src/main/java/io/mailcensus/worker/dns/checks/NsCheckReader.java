package io.mailcensus.worker.dns.checks;

import io.mailcensus.schemas.NsCheck;
import io.mailcensus.worker.dns.DnsAnswer;
import io.mailcensus.worker.dns.Names;
import java.util.List;
import org.xbill.DNS.NSRecord;

/** {@code NS <d>}: the name server host names. Providers (Public Suffix List) come later. */
public final class NsCheckReader {

    private NsCheckReader() {}

    public static NsCheck read(DnsAnswer ns) {
        List<String> hosts = ns.records(NSRecord.class).stream()
                .map(r -> Names.text(r.getTarget()))
                .distinct()
                .sorted()
                .toList();
        return NsCheck.newBuilder().setStatus(ns.presence()).setHosts(hosts).build();
    }
}
