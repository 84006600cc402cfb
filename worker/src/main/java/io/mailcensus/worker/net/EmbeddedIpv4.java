package io.mailcensus.worker.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The IPv4 addresses an IPv6 address carries, so that {@code ::ffff:127.0.0.1},
 * {@code ::127.0.0.1}, {@code 64:ff9b::7f00:1} (NAT64), {@code 2002:7f00:1::} (6to4), a Teredo or
 * an ISATAP address are judged as the IPv4 address they lead to: a translator or tunnel on the
 * path may deliver the packet there. Pure.
 *
 * <p>Forms (RFC 4291 2.5.5, RFC 6052, RFC 3056, RFC 4380, RFC 5214):
 * <ul>
 *   <li>IPv4-mapped {@code ::ffff:0:0/96} and IPv4-compatible {@code ::/96} (not {@code ::} and {@code ::1}):
 *       the last 32 bits</li>
 *   <li>NAT64 well-known prefix {@code 64:ff9b::/96}: the last 32 bits</li>
 *   <li>6to4 {@code 2002::/16}: bits 16..47</li>
 *   <li>Teredo {@code 2001::/32}: the server (bits 32..63) and the client (the last 32 bits, inverted)</li>
 *   <li>ISATAP: an interface identifier {@code 0000:5efe} or {@code 0200:5efe}, then the IPv4 address</li>
 * </ul>
 */
public final class EmbeddedIpv4 {

    private EmbeddedIpv4() {}

    /** The IPv4 addresses {@code address} carries, with the name of the form; empty for none. */
    public static List<Embedded> of(InetAddress address) {
        List<Embedded> out = new ArrayList<>();
        if (!(address instanceof Inet6Address)) {
            return out;
        }
        byte[] b = address.getAddress();
        if (zero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            out.add(new Embedded("IPv4-mapped", v4(b, 12, false)));
        } else if (zero(b, 0, 12) && !(zero(b, 12, 15) && (b[15] & 0xff) <= 1)) {
            out.add(new Embedded("IPv4-compatible", v4(b, 12, false)));
        } else if (b[0] == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && zero(b, 4, 12)) {
            out.add(new Embedded("NAT64", v4(b, 12, false)));
        } else if ((b[0] & 0xff) == 0x20 && b[1] == 0x02) {
            out.add(new Embedded("6to4", v4(b, 2, false)));
        } else if ((b[0] & 0xff) == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) {
            out.add(new Embedded("Teredo server", v4(b, 4, false)));
            out.add(new Embedded("Teredo client", v4(b, 12, true)));
        }
        boolean isatap = (b[8] & 0xfd) == 0 && b[9] == 0 && (b[10] & 0xff) == 0x5e && (b[11] & 0xff) == 0xfe;
        if (isatap && out.isEmpty()) {
            out.add(new Embedded("ISATAP", v4(b, 12, false)));
        }
        return out;
    }

    /** One IPv4 address found inside an IPv6 one, and the form it was found in. */
    public record Embedded(String form, Inet4Address address) {}

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static Inet4Address v4(byte[] b, int at, boolean inverted) {
        byte[] v4 = new byte[4];
        for (int i = 0; i < 4; i++) {
            v4[i] = (byte) (inverted ? ~b[at + i] : b[at + i]);
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(v4);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }
}
