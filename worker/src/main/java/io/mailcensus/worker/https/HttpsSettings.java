package io.mailcensus.worker.https;

import io.mailcensus.worker.net.AddressPolicy;
import io.mailcensus.worker.tls.TrustStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the HTTPS client behaves, validated on construction.
 *
 * @param userAgent the User-Agent header: identifies the scanner (checks.md, "Politeness"), so a
 *     deployment can point it at a page that explains the scan and how to opt out
 * @param port the port to connect to (443; tests use another)
 * @param connectTimeout the most a TCP connect may take
 * @param deadline the most one request may take from connect to the last body byte: slow-drip
 *     servers end here
 * @param maxHeaderBytes the most the response headers may take (larger: a protocol failure)
 * @param trustStore what PKIX validation trusts (--trust-store)
 * @param threads event loop threads; HTTPS probing waits on the network, 1-2 go a long way
 * @param addresses where a web host's addresses may lead, redirects included ({@code --allow-address})
 */
public record HttpsSettings(String userAgent, int port, Duration connectTimeout, Duration deadline,
        int maxHeaderBytes, TrustStore trustStore, int threads, AddressPolicy addresses) {

    public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;

    public HttpsSettings {
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(trustStore, "trustStore");
        Objects.requireNonNull(addresses, "addresses");
        if (userAgent.isBlank() || userAgent.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
            throw new IllegalArgumentException("userAgent must be printable ASCII, not blank: '" + userAgent + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("bad port " + port);
        }
        positive(connectTimeout, "connectTimeout");
        positive(deadline, "deadline");
        if (maxHeaderBytes < 1024) {
            throw new IllegalArgumentException("maxHeaderBytes must be >= 1024: " + maxHeaderBytes);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
    }

    /**
     * Port 443, connect 5 s, 15 s per request, 16 KiB of headers, the JDK's trust store, the
     * address policy of a real scan on this machine.
     */
    public static HttpsSettings defaults(String userAgent) {
        return new HttpsSettings(userAgent, HttpsUrl.DEFAULT_PORT, Duration.ofSeconds(5), Duration.ofSeconds(15),
                DEFAULT_MAX_HEADER_BYTES, TrustStore.jdkDefault(), 2,
                AddressPolicy.forThisMachine(List.of()));
    }

    public HttpsSettings withPort(int newPort) {
        return new HttpsSettings(userAgent, newPort, connectTimeout, deadline, maxHeaderBytes, trustStore, threads, addresses);
    }

    public HttpsSettings withTimeouts(Duration connect, Duration perRequest) {
        return new HttpsSettings(userAgent, port, connect, perRequest, maxHeaderBytes, trustStore, threads, addresses);
    }

    public HttpsSettings withTrustStore(TrustStore trust) {
        return new HttpsSettings(userAgent, port, connectTimeout, deadline, maxHeaderBytes, trust, threads, addresses);
    }

    public HttpsSettings withMaxHeaderBytes(int bytes) {
        return new HttpsSettings(userAgent, port, connectTimeout, deadline, bytes, trustStore, threads, addresses);
    }

    public HttpsSettings withAddressPolicy(AddressPolicy policy) {
        return new HttpsSettings(userAgent, port, connectTimeout, deadline, maxHeaderBytes, trustStore, threads, policy);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
