package io.mailcensus.core.name;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The server a politeness gate stands for, as an address: an IPv4 address is itself; an IPv6
 * address is its /64, since one customer, one host or one attacker gets a whole /64 (RFC 6177)
 * and may answer on any address in it: gates per single IPv6 address would give a hostile zone
 * unlimited tarpits, and let it multiply its share of the probe slots. An IPv6 address that only
 * wraps an IPv4 one (IPv4-mapped, IPv4-compatible, NAT64 {@code 64:ff9b::/96}) is that IPv4
 * address's gate. Pure.
 *
 * <p>Gates, their quarantine, the MX stage's per-gate queues and the Kafka key of MX probe tasks
 * (so one worker owns a gate) are this; the results of a round stay per exact (host, address) pair.
 */
public final class GateKey {

    public static final int IPV6_PREFIX = 64;


    private GateKey() {}

    public static InetAddress of(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] b = address.getAddress();
        if (wrapsIpv4(b)) {
            return ipv4(Arrays.copyOfRange(b, 12, 16));
        }
        byte[] prefix = Arrays.copyOf(b, 16);
        Arrays.fill(prefix, IPV6_PREFIX / 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(prefix);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // sixteen bytes are always an address
        }
    }

    /** IPv4-mapped {@code ::ffff:0:0/96}, IPv4-compatible {@code ::/96} (not {@code ::}, {@code ::1}), NAT64 {@code 64:ff9b::/96}. */
    private static boolean wrapsIpv4(byte[] b) {
        boolean zero80 = zero(b, 0, 10);
        boolean mapped = zero80 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zero80 && b[10] == 0 && b[11] == 0 && !(zero(b, 12, 15) && (b[15] & 0xff) <= 1);
        boolean nat64 = b[0] == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && zero(b, 4, 12);
        return mapped || compatible || nat64;
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress ipv4(byte[] four) {
        try {
            return InetAddress.getByAddress(four);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key as text: the IPv4 address, or the IPv6 prefix with its length ({@code 2001:db8::/64}). */
    public static String text(InetAddress address) {
        InetAddress key = of(address);
        return key instanceof Inet6Address ? IpText.of(key) + "/" + IPV6_PREFIX : IpText.of(key);
    }
}
