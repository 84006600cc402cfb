package io.mailcensus.worker.dns.checks;

import io.mailcensus.worker.dns.client.DnsAnswer;
import java.util.Map;

/**
 * {@code PTR} of one MX address, and the forward lookup (A for IPv4, AAAA for IPv6) of each
 * reverse name that was followed, keyed by that name. A reverse name equal to the MX host itself
 * needs no forward query: the host's own answer is reused.
 */
public record ReverseLookup(String address, DnsAnswer ptr, Map<String, DnsAnswer> forward) {

    public ReverseLookup {
        forward = Map.copyOf(forward);
    }
}
