package io.mailcensus.coordinator.input;

import java.net.Inet6Address;
import java.net.InetSocketAddress;

/** {@code HOST}, {@code HOST:PORT}, {@code V6}, {@code [V6]} or {@code [V6]:PORT}, as a socket address. */
final class ServerAddress {

    private ServerAddress() {}

    /** @throws IllegalArgumentException one line naming the spec */
    static InetSocketAddress parse(String spec, int defaultPort) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("server address is empty (HOST[:PORT])");
        }
        String s = spec.strip();
        String host = s;
        int port = defaultPort;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("server " + spec + ": missing ]");
            }
            host = s.substring(1, close);
            if (s.length() > close + 1) {
                if (s.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("server " + spec + ": expected :PORT after ]");
                }
                port = port(spec, s.substring(close + 2));
            }
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = port(spec, s.substring(s.indexOf(':') + 1));
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("server " + spec + ": no host");
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("server " + spec + ": cannot resolve " + host);
        }
        return address;
    }

    static String format(InetSocketAddress a) {
        String host = a.getAddress() instanceof Inet6Address ? "[" + a.getAddress().getHostAddress() + "]"
                : a.getAddress().getHostAddress();
        return host + ":" + a.getPort();
    }

    private static int port(String spec, String s) {
        try {
            int p = Integer.parseInt(s);
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("server " + spec + ": bad port '" + s + "'");
        }
    }
}
