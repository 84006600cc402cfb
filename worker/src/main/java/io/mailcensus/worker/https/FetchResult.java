package io.mailcensus.worker.https;

import io.mailcensus.worker.politeness.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What one GET gave, after any redirects it followed: a response, or why there is none. */
public sealed interface FetchResult {

    /** The URL asked last (the first one unless redirects were followed). */
    HttpsUrl url();

    /**
     * An HTTP response (any status).
     *
     * @param contentType the Content-Type header, null when absent
     * @param location the Location header, null when absent
     * @param body at most the cap's bytes
     * @param truncated the body was longer than the cap: reading stopped there
     * @param certificateError null when every hop's certificate chained to the trust store and
     *     named the host; else why not (the first failing hop)
     * @param redirects the URLs redirected from, in order
     * @param retryAfter the Retry-After header, null when absent
     */
    record Response(HttpsUrl url, int status, String contentType, String location, byte[] body, boolean truncated,
            String certificateError, List<HttpsUrl> redirects, String retryAfter) implements FetchResult {

        public Response {
            Objects.requireNonNull(body, "body");
            redirects = List.copyOf(redirects);
        }

        public Response(HttpsUrl url, int status, String contentType, String location, byte[] body, boolean truncated,
                String certificateError, List<HttpsUrl> redirects) {
            this(url, status, contentType, location, body, truncated, certificateError, redirects, null);
        }

        /**
         * The pause the server asked for (RFC 9110 10.2.3: delay-seconds or an HTTP-date, read
         * against {@code now}); empty when it asked none or said it unreadably.
         */
        public Optional<Duration> retryAfterDelay(Instant now) {
            if (retryAfter == null) {
                return Optional.empty();
            }
            String value = retryAfter.strip();
            try {
                if (value.matches("\\d{1,9}")) {
                    return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
                }
                Instant at = ZonedDateTime.parse(value,
                        DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration until = Duration.between(now, at);
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }

        public boolean trusted() {
            return certificateError == null;
        }

        public boolean isRedirect() {
            return status >= 300 && status < 400 && status != 304;
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        Response after(List<HttpsUrl> earlier, String earlierCertificateError) {
            List<HttpsUrl> all = new java.util.ArrayList<>(earlier);
            all.addAll(redirects);
            return new Response(url, status, contentType, location, body, truncated,
                    earlierCertificateError != null ? earlierCertificateError : certificateError, all, retryAfter);
        }
    }

    /** No response: the request failed before a complete status line and headers arrived. */
    record Failure(HttpsUrl url, Kind kind, String detail) implements FetchResult {
        public Failure {
            Objects.requireNonNull(kind, "kind");
        }
    }

    enum Kind {
        /** NXDOMAIN or no A/AAAA for the host. */
        NO_ADDRESS,
        /** The address lookup failed (timeout, SERVFAIL): unknown. */
        DNS_ERROR,
        /** Connection refused: nothing listens on the port. */
        REFUSED,
        /** No route, network unreachable. */
        UNREACHABLE,
        /** Connect timeout, or the request's deadline passed (slow or silent server). */
        TIMEOUT,
        /** The TLS handshake failed (an alert, or not TLS at all). */
        TLS,
        /** Not a well-formed HTTP response (garbage, headers over the cap, early close). */
        PROTOCOL,
        /** The politeness gate has quarantined the host for this round. */
        QUARANTINED,
        /** The host name or its address is on the opt-out list: no packet was sent. */
        OPTED_OUT,
        /** The address is not one to connect to (loopback, private, ...: {@code AddressPolicy}): no packet was sent. */
        POLICY,
        /** Anything else. */
        ERROR
    }

    /** How the connection went, for the politeness gate. */
    static Outcome politeness(FetchResult result) {
        return switch (result) {
            case Response r -> r.status() == 429 || r.status() == 503 ? Outcome.TEMP_FAIL : Outcome.OK;
            case Failure f -> switch (f.kind()) {
                case REFUSED -> Outcome.REFUSED;
                case TIMEOUT -> Outcome.TIMEOUT;
                default -> Outcome.ERROR;
            };
        };
    }
}
