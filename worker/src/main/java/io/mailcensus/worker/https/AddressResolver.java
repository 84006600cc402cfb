package io.mailcensus.worker.https;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Turns a host name into the addresses to connect to. mailcensus resolves through its own
 * {@link io.mailcensus.worker.dns.client.DnsClient} ({@link DnsAddressResolver}), never the system
 * resolver; tests point names at 127.x addresses. Implementations never complete exceptionally.
 */
@FunctionalInterface
public interface AddressResolver {

    CompletionStage<Resolution> resolve(String host);

    /** What resolving one name gave. */
    sealed interface Resolution {

        /** @param addresses in the order to try, IPv4 first; never empty */
        record Addresses(List<InetAddress> addresses) implements Resolution {
            public Addresses {
                addresses = List.copyOf(addresses);
                if (addresses.isEmpty()) {
                    throw new IllegalArgumentException("no addresses: use NoAddress");
                }
            }
        }

        /** The name does not exist, or has no A/AAAA: nothing listens there. */
        record NoAddress(String detail) implements Resolution {}

        /** The lookup failed (timeout, SERVFAIL): unknown, not absent. */
        record Failed(String detail) implements Resolution {}
    }
}
