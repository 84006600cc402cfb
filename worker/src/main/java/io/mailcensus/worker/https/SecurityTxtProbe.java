package io.mailcensus.worker.https;

import io.mailcensus.schemas.SecurityTxtCheck;
import io.mailcensus.schemas.SecurityTxtStatus;
import io.mailcensus.worker.wellknown.SecurityTxt;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * security.txt (RFC 9116): {@code https://<d>/.well-known/security.txt}, then the legacy
 * {@code https://<d>/security.txt} unless the first was valid, unknown or opted out; at most
 * {@link WebProbeSettings#securityTxtMaxRedirects()} redirects each. Status:
 * <ul>
 *   <li>{@code valid}: a 2xx text/plain file with Contact and one future Expires, over trusted TLS;</li>
 *   <li>{@code present_invalid}: a 2xx body that is not that: an HTML soft 404, another type, no
 *       Contact, no or a past Expires, over the cap, or served with an untrusted certificate;</li>
 *   <li>{@code absent}: 404 and other 4xx, 204, no address, connection refused, a redirect away
 *       from https (RFC 9116 allows https only);</li>
 *   <li>{@code error}: unknown: timeout, DNS failure, TLS handshake failure, broken HTTP, 429/5xx,
 *       more redirects than allowed, quarantined host;</li>
 *   <li>{@code not_checked}: the host or its address is on the opt-out list.</li>
 * </ul>
 * Of the two locations the better verdict wins (valid, present_invalid, error, absent): a file at
 * either place counts, and a failure on one never hides a file at the other. {@code url} is where
 * the file was found (after redirects); {@code contact} holds every Contact, space-separated.
 */
final class SecurityTxtProbe {

    static final String WELL_KNOWN = "/.well-known/security.txt";
    static final String LEGACY = "/security.txt";

    private final HttpsClient client;
    private final WebProbeSettings settings;
    private final Clock clock;

    SecurityTxtProbe(HttpsClient client, WebProbeSettings settings, Clock clock) {
        this.client = client;
        this.settings = settings;
        this.clock = clock;
    }

    CompletionStage<SecurityTxtCheck> probe(String domain) {
        int port = client.settings().port();
        // Most sites have no file: the legacy location is then asked on the same connection.
        return client.getThen(new HttpsUrl(domain, port, WELL_KNOWN), new HttpsUrl(domain, port, LEGACY),
                        settings.securityTxtMaxBytes(), settings.securityTxtMaxRedirects(),
                        first -> needsLegacy(judge(first)))
                .thenApply(results -> {
                    SecurityTxtCheck first = judge(results.getFirst());
                    return results.size() == 1 ? first : better(first, judge(results.get(1)));
                });
    }

    /** Valid, unknown or opted out at the well-known location: the legacy one cannot tell more. */
    private static boolean needsLegacy(SecurityTxtCheck first) {
        return first.getStatus() != SecurityTxtStatus.valid && first.getStatus() != SecurityTxtStatus.error
                && first.getStatus() != SecurityTxtStatus.not_checked;
    }

    SecurityTxtCheck judge(FetchResult result) {
        return switch (result) {
            case FetchResult.Failure f -> status(switch (f.kind()) {
                case NO_ADDRESS, REFUSED -> SecurityTxtStatus.absent;
                case OPTED_OUT, POLICY -> SecurityTxtStatus.not_checked;
                default -> SecurityTxtStatus.error;
            });
            case FetchResult.Response r -> response(r);
        };
    }

    private SecurityTxtCheck response(FetchResult.Response r) {
        int status = r.status();
        if (status == 429 || status >= 500) {
            return status(SecurityTxtStatus.error);
        }
        if (r.isRedirect()) {
            // Not followed: either the cap was reached (unknown), or it leads away from https.
            boolean toHttps = r.location() != null && r.url().resolve(r.location(), r.url().port()).isPresent();
            return status(toHttps ? SecurityTxtStatus.error : SecurityTxtStatus.absent);
        }
        if (status < 200 || status >= 300 || status == 204) {
            return status(SecurityTxtStatus.absent);
        }
        SecurityTxt file = SecurityTxt.parse(r.contentType(), r.text(), clock.instant());
        boolean valid = file.valid() && r.trusted() && !r.truncated();
        return SecurityTxtCheck.newBuilder()
                .setStatus(valid ? SecurityTxtStatus.valid : SecurityTxtStatus.present_invalid)
                .setUrl(r.url().toString())
                .setContact(file.contacts().isEmpty() ? null : String.join(" ", file.contacts()))
                .setExpires(file.expires())
                .build();
    }

    private static SecurityTxtCheck status(SecurityTxtStatus status) {
        return SecurityTxtCheck.newBuilder().setStatus(status).build();
    }

    private static final List<SecurityTxtStatus> RANK = List.of(SecurityTxtStatus.valid,
            SecurityTxtStatus.present_invalid, SecurityTxtStatus.error, SecurityTxtStatus.absent,
            SecurityTxtStatus.not_checked);

    static SecurityTxtCheck better(SecurityTxtCheck a, SecurityTxtCheck b) {
        return RANK.indexOf(b.getStatus()) < RANK.indexOf(a.getStatus()) ? b : a;
    }
}
