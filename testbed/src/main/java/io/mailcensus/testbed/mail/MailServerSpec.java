package io.mailcensus.testbed.mail;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * One mail server of the testbed: the loopback IPv4 address it listens on, the MX host name it
 * presents (banner, EHLO, certificate) and its behaviour.
 */
public record MailServerSpec(InetAddress ip, String mxHostName, Personality personality) {

    public MailServerSpec {
        Objects.requireNonNull(personality, "personality");
        if (!(ip instanceof Inet4Address) || !ip.isLoopbackAddress()) {
            throw new IllegalArgumentException("a testbed mail server needs a loopback IPv4 address, not " + ip);
        }
        if (mxHostName == null || !mxHostName.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
            throw new IllegalArgumentException("not a host name: " + mxHostName);
        }
    }

    /** {@code of("127.25.0.1", "mx1.example.test", POSTFIX_STARTTLS)}: the address must be a literal. */
    public static MailServerSpec of(String ip, String mxHostName, Personality personality) {
        try {
            return new MailServerSpec(InetAddress.ofLiteral(ip), mxHostName, personality);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an IP address literal: " + ip, e);
        }
    }

    /** The address as text, e.g. {@code 127.25.0.1}. */
    public String address() {
        return ip.getHostAddress();
    }
}
