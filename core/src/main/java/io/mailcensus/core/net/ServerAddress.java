package io.mailcensus.core.net;

import java.net.Inet6Address;
import java.net.InetSocketAddress;

/**
 * {@code HOST}, {@code HOST:PORT}, {@code V6}, {@code [V6]} or {@code [V6]:PORT}, as a socket
 * address: the form of every server option ({@code --resolver}, {@code --axfr}).
 */
public final class ServerAddress {

    private ServerAddress() {}

    /**
     * @param what names the value in messages, e.g. {@code server} or {@code --resolver}
     * @throws IllegalArgumentException one line naming {@code what} and the spec
     */
    public static InetSocketAddress parse(String what, String spec, int defaultPort) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException(what + " address is empty (HOST[:PORT])");
        }
        String s = spec.strip();
        String host = s;
        int port = defaultPort;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException(what + " " + spec + ": missing ]");
            }
            host = s.substring(1, close);
            if (s.length() > close + 1) {
                if (s.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException(what + " " + spec + ": expected :PORT after ]");
                }
                port = port(what, spec, s.substring(close + 2));
            }
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = port(what, spec, s.substring(s.indexOf(':') + 1));
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException(what + " " + spec + ": no host");
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException(what + " " + spec + ": cannot resolve " + host);
        }
        return address;
    }

    /** {@code 127.0.0.1:53} or {@code [::1]:53}. */
    public static String format(InetSocketAddress a) {
        String host = a.getAddress() instanceof Inet6Address ? "[" + a.getAddress().getHostAddress() + "]"
                : a.getAddress().getHostAddress();
        return host + ":" + a.getPort();
    }

    private static int port(String what, String spec, String s) {
        try {
            int p = Integer.parseInt(s);
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " " + spec + ": bad port '" + s + "'");
        }
    }
}
