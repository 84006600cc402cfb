package io.mailcensus.worker.https;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An https URL the probes fetch: a host name (A-label, lower case; always a name, so SNI and the
 * certificate check have something to match), a port, and the path with its query.
 */
public record HttpsUrl(String host, int port, String path) {

    public static final int DEFAULT_PORT = 443;

    public HttpsUrl {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(path, "path");
        host = host.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("empty host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("bad port " + port);
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /: " + path);
        }
    }

    public static HttpsUrl of(String host, int port, String path) {
        return new HttpsUrl(host, port, path);
    }

    /** The Host header: the name, and the port when it is not 443. */
    public String authority() {
        return port == DEFAULT_PORT ? host : host + ":" + port;
    }

    /**
     * The target of a redirect, resolved against this URL; empty when it is not an https URL with
     * a host name (http, other schemes, an IP literal, garbage). A Location without a port keeps
     * {@code defaultPort} (443 outside tests).
     */
    public Optional<HttpsUrl> resolve(String location, int defaultPort) {
        try {
            URI base = new URI("https", null, host, port, path.contains("?") ? path.substring(0, path.indexOf('?')) : path,
                    null, null);
            URI target = base.resolve(new URI(location.trim()));
            if (!"https".equalsIgnoreCase(target.getScheme()) || target.getRawAuthority() == null) {
                return Optional.empty();
            }
            // URI leaves the host null for a Unicode name (a registry-based authority): read it ourselves.
            String authority = target.getAuthority();
            authority = authority.substring(authority.lastIndexOf('@') + 1);
            int colon = authority.lastIndexOf(':');
            String targetHost = target.getHost() != null ? target.getHost()
                    : colon >= 0 && !authority.startsWith("[") ? authority.substring(0, colon) : authority;
            int explicitPort = target.getHost() != null ? target.getPort()
                    : colon >= 0 && !authority.startsWith("[") ? Integer.parseInt(authority.substring(colon + 1)) : -1;
            if (targetHost.isEmpty()) {
                return Optional.empty();
            }
            if (targetHost.startsWith("[") || targetHost.matches("[0-9.]+")) {
                return Optional.empty();
            }
            String ascii = IDN.toASCII(targetHost, IDN.ALLOW_UNASSIGNED);
            String targetPath = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
            if (target.getRawQuery() != null) {
                targetPath += "?" + target.getRawQuery();
            }
            boolean sameOrigin = explicitPort < 0 && ascii.equalsIgnoreCase(host);
            int targetPort = explicitPort >= 0 ? explicitPort : sameOrigin ? port : defaultPort;
            return Optional.of(new HttpsUrl(ascii, targetPort, targetPath));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "https://" + authority() + path;
    }
}
