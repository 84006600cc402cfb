package io.mailcensus.worker.https;

import io.mailcensus.worker.dns.client.DnsAnswer;
import io.mailcensus.worker.dns.client.DnsClient;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A and AAAA through mailcensus's own {@link DnsClient} (CNAME chains followed by the resolver),
 * IPv4 addresses first. Addresses from one query are used even when the other one failed; only
 * when no address came back does a failed query make the result {@code Failed} rather than
 * {@code NoAddress} (unknown is not absent).
 */
public final class DnsAddressResolver implements AddressResolver {

    private final DnsClient dns;

    public DnsAddressResolver(DnsClient dns) {
        this.dns = Objects.requireNonNull(dns, "dns");
    }

    @Override
    public CompletionStage<Resolution> resolve(String host) {
        Name name;
        try {
            name = Name.fromString(host.endsWith(".") ? host : host + ".");
        } catch (TextParseException e) {
            return CompletableFuture.completedFuture(new Resolution.NoAddress("not a host name: " + host));
        }
        CompletableFuture<DnsAnswer> a = dns.query(name, Type.A);
        CompletableFuture<DnsAnswer> aaaa = dns.query(name, Type.AAAA);
        return a.thenCombine(aaaa, DnsAddressResolver::combine)
                .exceptionally(e -> new Resolution.Failed(String.valueOf(e)));
    }

    static Resolution combine(DnsAnswer a, DnsAnswer aaaa) {
        List<InetAddress> addresses = new ArrayList<>();
        a.records(ARecord.class).forEach(r -> addresses.add(r.getAddress()));
        aaaa.records(AAAARecord.class).forEach(r -> addresses.add(r.getAddress()));
        if (!addresses.isEmpty()) {
            return new Resolution.Addresses(addresses);
        }
        for (DnsAnswer answer : List.of(a, aaaa)) {
            if (answer.isError()) {
                return new Resolution.Failed(answer.query().qname() + " " + answer.query().qtype() + ": "
                        + answer.error().getKind() + (answer.error().getDetail() == null ? "" : " " + answer.error().getDetail()));
            }
        }
        return new Resolution.NoAddress(a.outcome() == DnsAnswer.Outcome.NXDOMAIN ? "NXDOMAIN" : "no A/AAAA");
    }
}
