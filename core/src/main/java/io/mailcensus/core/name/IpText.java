package io.mailcensus.core.name;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Addresses as text: dotted quads, and IPv6 in RFC 5952 form ("2001:db8::1", "::1"). */
public final class IpText {

    private IpText() {}

    /**
     * The address a literal names, no DNS. An IPv4-mapped IPv6 literal ("::ffff:192.0.2.1") stays
     * an IPv6 address, so that {@link #of(InetAddress)} prints it back as it was written.
     *
     * @throws IllegalArgumentException if {@code text} is not an IP address literal
     */
    public static InetAddress parse(String text) {
        InetAddress address = InetAddress.ofLiteral(text);
        if (address instanceof Inet4Address && text.indexOf(':') >= 0) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(address.getAddress(), 0, mapped, 12, 4);
            try {
                return Inet6Address.getByAddress(null, mapped, -1);
            } catch (UnknownHostException e) {
                throw new AssertionError("16 bytes are an IPv6 address", e);
            }
        }
        return address;
    }

    public static String of(InetAddress address) {
        return of(address.getAddress());
    }

    /**
     * From raw bytes (4 or 16). Java turns an IPv4-mapped IPv6 address into an Inet4Address, so
     * AAAA data should come here as bytes; a mapped address prints as "::ffff:192.0.2.1".
     */
    public static String of(byte[] b) {
        if (b.length == 4) {
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
        }
        if (b.length != 16) {
            throw new IllegalArgumentException("not an IP address: " + b.length + " bytes");
        }
        if (isMapped(b)) {
            return "::ffff:" + of(java.util.Arrays.copyOfRange(b, 12, 16));
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        // The longest run of two or more zero groups (the first one on a tie) becomes "::".
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    private static boolean isMapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
