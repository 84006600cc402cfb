package io.mailcensus.worker.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * An address block: {@code 127.0.0.0/8}, {@code fe80::/10}, or one address. IPv4 and IPv6 blocks
 * never contain each other's addresses; an IPv6 form of an IPv4 address is unwrapped by
 * {@link EmbeddedIpv4} before it is compared.
 */
public record Cidr(byte[] network, int bits) {

    public Cidr {
        Objects.requireNonNull(network, "network");
        if (network.length != 4 && network.length != 16) {
            throw new IllegalArgumentException("not an address: " + network.length + " bytes");
        }
        if (bits < 0 || bits > network.length * 8) {
            throw new IllegalArgumentException("prefix length must be 0.." + network.length * 8 + ": " + bits);
        }
        network = masked(network, bits);
    }

    /** {@code 10.0.0.0/8}, {@code ::1}, {@code 2001:db8::/32}: literals only, never a DNS lookup. */
    public static Cidr parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        String address = slash < 0 ? t : t.substring(0, slash);
        if (address.isEmpty() || address.indexOf('%') >= 0) {
            throw new IllegalArgumentException("not an address block: '" + text + "'");
        }
        byte[] bytes;
        try {
            bytes = (address.indexOf(':') >= 0 ? Inet6Address.ofLiteral(address) : Inet4Address.ofLiteral(address))
                    .getAddress();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an address block: '" + text + "'");
        }
        if (address.indexOf(':') >= 0 && bytes.length == 4) {
            throw new IllegalArgumentException("write an IPv4-mapped block as IPv4: '" + text + "'");
        }
        int bits = bytes.length * 8;
        if (slash >= 0) {
            String length = t.substring(slash + 1);
            if (!length.matches("\\d{1,3}")) {
                throw new IllegalArgumentException("not a prefix length: '" + text + "'");
            }
            bits = Integer.parseInt(length);
        }
        return new Cidr(bytes, bits);
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        return a.length == network.length && Arrays.equals(masked(a, bits), network);
    }

    private static byte[] masked(byte[] address, int bits) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - i * 8));
            out[i] &= (byte) (0xff00 >>> keep);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && bits == c.bits && Arrays.equals(network, c.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + bits;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + bits;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
