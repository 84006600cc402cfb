package io.mailcensus.store.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps web pages in the user's browser away from the store. A page can send a request to
 * {@code http://127.0.0.1:8123/} (a "simple" text/plain POST needs no preflight), and a name it
 * controls can be made to resolve to 127.0.0.1 (DNS rebinding). So: a request's {@code Host}
 * must be the listen address, {@code localhost} (when listening on loopback), any IP literal
 * (when listening on all addresses) or a configured name; and an {@code Origin}, which browsers
 * send with such requests and other clients do not, must be the server's own.
 */
final class BrowserGuard {

    private final InetSocketAddress listen;
    private final Set<String> allowedHosts;

    BrowserGuard(InetSocketAddress listen, Set<String> allowedHosts) {
        this.listen = listen;
        this.allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet());
    }

    /** Refuses the request unless its Host and Origin (either may be absent) are this server's. */
    void check(String host, String origin) {
        if (host != null && !allowedHost(hostPart(host))) {
            throw Refusal.accessDenied("Host " + host + " is not this server's (it listens on "
                    + listen.getHostString() + "; serve --allow-host NAME adds a name)");
        }
        if (origin != null && !sameOrigin(origin)) {
            throw Refusal.accessDenied("Origin " + origin + " is not this server's: requests from web pages"
                    + " of other origins are refused");
        }
    }

    private boolean sameOrigin(String origin) {
        try {
            URI uri = new URI(origin.strip());
            int port = uri.getPort() < 0 ? 80 : uri.getPort();
            return "http".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null
                    && allowedHost(uri.getHost()) && port == listen.getPort();
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private boolean allowedHost(String name) {
        String host = name.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (allowedHosts.contains(host)) {
            return true;
        }
        InetAddress bound = listen.getAddress();
        if (host.equals("localhost")) {
            return bound != null && (bound.isLoopbackAddress() || bound.isAnyLocalAddress());
        }
        if (!isIpLiteral(host)) {
            return false;
        }
        if (bound == null || bound.isAnyLocalAddress()) {
            return true;
        }
        try {
            return InetAddress.ofLiteral(host).equals(bound);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isIpLiteral(String host) {
        try {
            InetAddress.ofLiteral(host);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code name:port}, {@code [v6]:port} or a bare name, without the port. */
    private static String hostPart(String host) {
        String h = host.strip();
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            return close < 0 ? h : h.substring(0, close + 1);
        }
        int colon = h.indexOf(':');
        return colon >= 0 && h.indexOf(':', colon + 1) < 0 ? h.substring(0, colon) : h;
    }
}
