package io.mailcensus.worker.spf;

import io.mailcensus.core.name.IpText;
import java.net.Inet4Address;
import java.net.InetAddress;

/** Address forms SPF needs: CIDR matching, the %{i}/%{c} texts, and reverse names. */
final class Addresses {

    private Addresses() {}

    static boolean isV4(InetAddress ip) {
        return ip instanceof Inet4Address;
    }

    /** Parses a literal without ever asking DNS; null when the text is not an address. */
    static InetAddress literal(String text) {
        try {
            return InetAddress.ofLiteral(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static boolean inNetwork(InetAddress ip, InetAddress network, int prefix) {
        byte[] a = ip.getAddress();
        byte[] b = network.getAddress();
        if (a.length != b.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (b[full] & mask);
    }

    /** %{i}: dotted quad, or 32 dot-separated nibbles for IPv6 (RFC 7208 7.3). */
    static String dotted(InetAddress ip) {
        if (isV4(ip)) {
            return ip.getHostAddress();
        }
        StringBuilder out = new StringBuilder();
        for (byte b : ip.getAddress()) {
            if (!out.isEmpty()) {
                out.append('.');
            }
            out.append(Character.forDigit((b >> 4) & 0xf, 16)).append('.').append(Character.forDigit(b & 0xf, 16));
        }
        return out.toString();
    }

    /** %{c}: dotted quad, or the RFC 5952 text of an IPv6 address. */
    static String readable(InetAddress ip) {
        return IpText.of(ip);
    }

    /** The in-addr.arpa or ip6.arpa name to ask PTR for. */
    static String reverseName(InetAddress ip) {
        if (isV4(ip)) {
            byte[] b = ip.getAddress();
            return (b[3] & 0xff) + "." + (b[2] & 0xff) + "." + (b[1] & 0xff) + "." + (b[0] & 0xff) + ".in-addr.arpa";
        }
        String nibbles = dotted(ip);
        return new StringBuilder(nibbles).reverse() + ".ip6.arpa";
    }
}
