package io.mailcensus.testbed.mail;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * One mail server of the testbed: the address it listens on, the MX host name it presents
 * (banner, EHLO, certificate) and its behaviour. The address is a loopback IPv4 address, or an
 * IPv6 address of this machine that never leaves it: {@code ::1}, or a unique local address
 * ({@code fc00::/7}) the caller has put on the loopback interface. Only Exim serves IPv6.
 *
 * @param sniNames more MX names the server shows a certificate of their own when the TLS
 *     handshake names them (SNI); others get the {@code mxHostName} certificate. Exim only.
 */
public record MailServerSpec(InetAddress ip, String mxHostName, Personality personality, List<String> sniNames) {

    public MailServerSpec {
        Objects.requireNonNull(personality, "personality");
        sniNames = List.copyOf(sniNames);
        if (!sniNames.isEmpty() && (personality.software() != Personality.Software.EXIM
                || personality.certificate() != Personality.Certificate.VALID)) {
            throw new IllegalArgumentException("certificates chosen by SNI need an Exim personality with a valid certificate");
        }
        for (String name : sniNames) {
            if (!name.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?")) {
                throw new IllegalArgumentException("not a lower-case host name: " + name);
            }
        }
        if (!(ip instanceof Inet4Address ? ip.isLoopbackAddress() : isLocalIpv6(ip))) {
            throw new IllegalArgumentException("a testbed mail server needs a loopback IPv4 address, ::1 or a"
                    + " unique local IPv6 address, not " + ip);
        }
        if (ip instanceof Inet6Address && personality.software() == Personality.Software.POSTFIX) {
            throw new IllegalArgumentException("the testbed's Postfix listens on IPv4 only; use Exim for " + ip);
        }
        if (mxHostName == null || !mxHostName.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
            throw new IllegalArgumentException("not a host name: " + mxHostName);
        }
    }

    /** {@code of("127.25.0.1", "mx1.example.test", POSTFIX_STARTTLS)}: the address must be a literal. */
    public static MailServerSpec of(String ip, String mxHostName, Personality personality) {
        try {
            return new MailServerSpec(InetAddress.ofLiteral(ip), mxHostName, personality, List.of());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an IP address literal: " + ip, e);
        }
    }

    /** This server, also showing each of {@code names} a certificate of its own when the handshake names it. */
    public MailServerSpec withSniNames(String... names) {
        return new MailServerSpec(ip, mxHostName, personality, List.of(names));
    }

    private static boolean isLocalIpv6(InetAddress ip) {
        return ip instanceof Inet6Address && (ip.isLoopbackAddress() || (ip.getAddress()[0] & 0xfe) == 0xfc);
    }

    /** The address as text, e.g. {@code 127.25.0.1}. */
    public String address() {
        return ip.getHostAddress();
    }
}
