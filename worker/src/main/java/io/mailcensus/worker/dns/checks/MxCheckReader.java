package io.mailcensus.worker.dns.checks;

import io.mailcensus.core.name.IpText;
import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.MxCheck;
import io.mailcensus.schemas.MxHost;
import io.mailcensus.schemas.MxRecord;
import io.mailcensus.worker.dns.client.DnsAnswer;
import io.mailcensus.worker.dns.client.Names;
import io.mailcensus.worker.dns.records.MxSet;
import io.mailcensus.worker.dns.records.RegistrableDomain;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;

/**
 * {@code MX <d>}, the addresses of each MX host, their PTR names and forward-confirmed reverse
 * DNS ({@link ForwardConfirmed}), and the providers: the registrable domain of each MX host in
 * preference order ({@link RegistrableDomain}; the null MX "." has none).
 */
public final class MxCheckReader {

    private MxCheckReader() {}

    /** The records of an MX answer, sorted and de-duplicated. */
    public static MxSet mxSet(DnsAnswer mx) {
        return MxSet.of(mx.records(MXRecord.class).stream()
                .map(r -> new MxSet.Entry(r.getPriority(), Names.text(r.getTarget())))
                .toList());
    }

    public static MxCheck read(DnsAnswer mx, List<MxHostAnswers> hostAnswers) {
        MxSet set = mxSet(mx);
        List<MxHost> hosts = new ArrayList<>();
        List<String> cnameHosts = new ArrayList<>();
        boolean localhost = set.hosts().stream().anyMatch(MxSet::isLocalhostName);
        for (MxHostAnswers h : hostAnswers) {
            MxHost host = host(h);
            hosts.add(host);
            if (!h.a().aliases().isEmpty() || !h.aaaa().aliases().isEmpty()) {
                cnameHosts.add(h.host());
            }
            if (host.getStatus() == CheckStatus.present && MxSet.onlyLoopback(host.getIpv4(), host.getIpv6())) {
                localhost = true;
            }
        }
        return MxCheck.newBuilder()
                .setStatus(mx.presence())
                .setRecords(set.records().stream()
                        .map(e -> MxRecord.newBuilder().setPreference(e.preference()).setHost(e.host()).build())
                        .toList())
                .setNullMx(set.nullMx())
                .setLocalhost(localhost)
                .setCnameHosts(cnameHosts)
                .setHosts(hosts)
                .setProviders(RegistrableDomain.ofAll(set.hosts()))
                .build();
    }

    /**
     * present = some address; absent = neither A nor AAAA; error = either lookup failed, because
     * then the address list is incomplete even if the other one answered.
     */
    static MxHost host(MxHostAnswers h) {
        List<String> ipv4 = h.a().records(ARecord.class).stream()
                .map(r -> IpText.of(r.getAddress())).distinct().sorted().toList();
        List<String> ipv6 = h.aaaa().records(AAAARecord.class).stream()
                .map(r -> IpText.of(r.rdataToWireCanonical())).distinct().sorted().toList();
        CheckStatus status;
        if (h.a().isError() || h.aaaa().isError()) {
            status = CheckStatus.error;
        } else if (!ipv4.isEmpty() || !ipv6.isEmpty()) {
            status = CheckStatus.present;
        } else {
            status = CheckStatus.absent;
        }
        List<String> ptr = h.reverse().stream()
                .flatMap(r -> ForwardConfirmed.ptrNames(r.ptr()).stream()).distinct().sorted().toList();
        return MxHost.newBuilder().setName(h.host()).setStatus(status).setIpv4(ipv4).setIpv6(ipv6)
                .setPtr(ptr).setFcrdns(ForwardConfirmed.ofHost(h).orElse(null)).build();
    }
}
