package io.mailcensus.worker.dns.scan;

import io.mailcensus.core.name.IpText;
import io.mailcensus.worker.dns.checks.MxHostAnswers;
import io.mailcensus.worker.dns.checks.ReverseLookup;
import io.mailcensus.worker.dns.client.DnsAnswer;
import io.mailcensus.worker.dns.client.DnsClient;
import io.mailcensus.worker.dns.client.Names;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Type;

/**
 * PTR of an MX host's addresses, then the forward lookup of the reverse names, for
 * forward-confirmed reverse DNS. Bounded: at most {@link #MAX_ADDRESSES} addresses per host
 * (IPv4 first) and {@link #MAX_NAMES} reverse names per address; a reverse name equal to the host
 * costs no query. A provider's MX host is shared by many domains, so these answers mostly come
 * from the resolver's cache.
 */
final class MxReverseLookups {

    static final int MAX_ADDRESSES = 4;
    static final int MAX_NAMES = 2;

    private final DnsClient dns;

    MxReverseLookups(DnsClient dns) {
        this.dns = dns;
    }

    CompletableFuture<MxHostAnswers> lookUp(MxHostAnswers host) {
        // Raw bytes: Java would turn an IPv4-mapped AAAA into an IPv4 address.
        Map<String, byte[]> addresses = new LinkedHashMap<>();
        host.a().records(ARecord.class).forEach(r -> addresses.putIfAbsent(IpText.of(r.getAddress()), r.getAddress().getAddress()));
        host.aaaa().records(AAAARecord.class).forEach(r -> addresses.putIfAbsent(IpText.of(r.rdataToWireCanonical()), r.rdataToWireCanonical()));
        List<CompletableFuture<ReverseLookup>> lookups = addresses.entrySet().stream()
                .limit(MAX_ADDRESSES).map(a -> reverse(host.host(), a.getKey(), a.getValue())).toList();
        return CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new))
                .thenApply(done -> host.withReverse(lookups.stream().map(CompletableFuture::join).toList()));
    }

    private CompletableFuture<ReverseLookup> reverse(String hostName, String text, byte[] address) {
        int forwardType = address.length == 16 ? Type.AAAA : Type.A;
        return dns.query(ReverseMap.fromAddress(address), Type.PTR).thenCompose(ptr -> {
            Map<String, CompletableFuture<DnsAnswer>> forward = new LinkedHashMap<>();
            for (PTRRecord r : ptr.records(PTRRecord.class)) {
                String name = Names.text(r.getTarget());
                if (forward.size() < MAX_NAMES && !name.equals(hostName) && !forward.containsKey(name)) {
                    forward.put(name, dns.query(r.getTarget(), forwardType));
                }
            }
            return CompletableFuture.allOf(forward.values().toArray(CompletableFuture[]::new)).thenApply(done -> {
                Map<String, DnsAnswer> answers = new LinkedHashMap<>();
                forward.forEach((name, f) -> answers.put(name, f.join()));
                return new ReverseLookup(text, ptr, answers);
            });
        });
    }
}
