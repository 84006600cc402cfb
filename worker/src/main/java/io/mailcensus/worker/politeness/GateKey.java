package io.mailcensus.worker.politeness;

import io.mailcensus.worker.net.EmbeddedIpv4;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Set;

/**
 * The server a politeness gate stands for, as an address: an IPv4 address is itself; an IPv6
 * address is its /64, since one customer, one host or one attacker gets a whole /64 (RFC 6177)
 * and may answer on any address in it: gates per single IPv6 address would give a hostile zone
 * unlimited tarpits, and let it multiply its share of the probe slots. An IPv6 address that only
 * wraps an IPv4 one (IPv4-mapped, IPv4-compatible, NAT64 {@code 64:ff9b::/96}) is that IPv4
 * address's gate. Pure.
 *
 * <p>Gates, their quarantine and the stage's per-gate queues are keyed by this; the results of a
 * round stay per exact (host, address) pair.
 */
public final class GateKey {

    public static final int IPV6_PREFIX = 64;

    /** The forms that carry nothing but an IPv4 address (6to4, Teredo, ISATAP are their own /64s). */
    private static final Set<String> WRAPPERS = Set.of("IPv4-mapped", "IPv4-compatible", "NAT64");

    private GateKey() {}

    public static InetAddress of(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        var embedded = EmbeddedIpv4.of(address);
        if (embedded.size() == 1 && WRAPPERS.contains(embedded.getFirst().form())) {
            return embedded.getFirst().address();
        }
        byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
        Arrays.fill(prefix, IPV6_PREFIX / 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(prefix);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // sixteen bytes are always an address
        }
    }

}
