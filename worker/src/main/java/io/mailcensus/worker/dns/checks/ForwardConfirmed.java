package io.mailcensus.worker.dns.checks;

import io.mailcensus.core.name.IpText;
import io.mailcensus.worker.dns.client.DnsAnswer;
import io.mailcensus.worker.dns.client.Names;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.PTRRecord;

/**
 * Forward-confirmed reverse DNS (FCrDNS) of an MX host: an address is confirmed when one of its
 * PTR names resolves back to that same address. The host is confirmed when every address that
 * was looked up is; one address that is definitely not confirmed makes it false; otherwise a
 * failed lookup leaves it unknown (empty), because unknown is not absent.
 */
public final class ForwardConfirmed {

    private ForwardConfirmed() {}

    /** The PTR names of one reverse lookup, lower case, in answer order. */
    public static List<String> ptrNames(DnsAnswer ptr) {
        return ptr.records(PTRRecord.class).stream().map(r -> Names.text(r.getTarget())).distinct().toList();
    }

    /** Empty when unknown; no addresses looked up is unknown too. */
    static Optional<Boolean> ofHost(MxHostAnswers h) {
        if (h.reverse().isEmpty()) {
            return Optional.empty();
        }
        boolean unknown = false;
        for (ReverseLookup r : h.reverse()) {
            Optional<Boolean> one = ofAddress(h, r);
            if (one.isEmpty()) {
                unknown = true;
            } else if (!one.get()) {
                return Optional.of(false);
            }
        }
        return unknown ? Optional.empty() : Optional.of(true);
    }

    static Optional<Boolean> ofAddress(MxHostAnswers h, ReverseLookup r) {
        if (r.ptr().isError()) {
            return Optional.empty();
        }
        boolean ipv6 = r.address().contains(":");
        boolean unknown = false;
        for (String name : ptrNames(r.ptr())) {
            DnsAnswer forward = name.equals(h.host()) ? (ipv6 ? h.aaaa() : h.a()) : r.forward().get(name);
            if (forward == null || forward.isError()) {
                unknown = true; // not followed (the cap) or failed
            } else if (addresses(forward, ipv6).contains(r.address())) {
                return Optional.of(true);
            }
        }
        return unknown ? Optional.empty() : Optional.of(false);
    }

    private static List<String> addresses(DnsAnswer forward, boolean ipv6) {
        return ipv6
                ? forward.records(AAAARecord.class).stream().map(a -> IpText.of(a.rdataToWireCanonical())).toList()
                : forward.records(ARecord.class).stream().map(a -> IpText.of(a.getAddress())).toList();
    }
}
