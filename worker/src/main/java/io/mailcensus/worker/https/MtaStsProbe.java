package io.mailcensus.worker.https;

import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.MtaStsCheck;
import io.mailcensus.worker.wellknown.MediaTypes;
import io.mailcensus.worker.wellknown.MtaStsPolicy;
import io.mailcensus.worker.wellknown.MxPatterns;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Fetches {@code https://mta-sts.<d>/.well-known/mta-sts.txt} (RFC 8461 3.3: no redirects,
 * {@code text/plain}, PKIX-valid for the name, a size cap) and fills the policy part of
 * {@link MtaStsCheck}. {@code policy_status}:
 * <ul>
 *   <li>{@code present}: a 200 text/plain body within the cap that parses, over a trusted chain;</li>
 *   <li>{@code invalid}: anything served that a sender must reject: a syntax error, not text/plain,
 *       over the cap, a redirect (3xx), a certificate that is not trusted or does not name the host,
 *       another 4xx than 404/410;</li>
 *   <li>{@code absent}: nothing serves a policy: 404/410, no address for mta-sts.&lt;d&gt;, connection refused;</li>
 *   <li>{@code error}: unknown: timeout, DNS failure, TLS handshake failure, a broken HTTP response,
 *       429/5xx, quarantined host;</li>
 *   <li>{@code not_checked}: the host or its address is on the opt-out list.</li>
 * </ul>
 * {@code invalid_reason} (the record's, when the record is invalid; then no fetch) says why the
 * policy is not present, prefixed "policy: ". {@code policy} is the raw body of a 200 within the cap.
 */
final class MtaStsProbe {

    static final String PATH = "/.well-known/mta-sts.txt";

    private final HttpsClient client;
    private final WebProbeSettings settings;

    MtaStsProbe(HttpsClient client, WebProbeSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    /** @param mxHosts the domain's MX host names (no null MX) */
    CompletionStage<MtaStsCheck> probe(String domain, MtaStsCheck dns, List<String> mxHosts) {
        HttpsUrl url = new HttpsUrl("mta-sts." + domain, client.settings().port(), PATH);
        return client.get(url, settings.mtaStsMaxBytes(), 0).thenApply(result -> judge(dns, result, mxHosts));
    }

    static MtaStsCheck judge(MtaStsCheck dns, FetchResult result, List<String> mxHosts) {
        MtaStsCheck.Builder check = MtaStsCheck.newBuilder(dns);
        return switch (result) {
            case FetchResult.Failure f -> switch (f.kind()) {
                case OPTED_OUT -> policy(check, CheckStatus.not_checked, "opted out");
                case POLICY -> policy(check, CheckStatus.not_checked, f.detail());
                case NO_ADDRESS, REFUSED -> policy(check, CheckStatus.absent, f.kind() + ": " + f.detail());
                default -> policy(check, CheckStatus.error, f.kind() + ": " + f.detail());
            };
            case FetchResult.Response r -> response(check, r, mxHosts);
        };
    }

    private static MtaStsCheck response(MtaStsCheck.Builder check, FetchResult.Response r, List<String> mxHosts) {
        int status = r.status();
        if (status == 429 || status >= 500) {
            return policy(check, CheckStatus.error, "HTTP " + status);
        }
        if (status == 200 && !r.truncated()) {
            check.setPolicy(r.text());
        }
        if (!r.trusted()) {
            return policy(check, CheckStatus.invalid, r.certificateError());
        }
        if (status == 404 || status == 410) {
            return policy(check, CheckStatus.absent, "HTTP " + status);
        }
        if (r.isRedirect()) {
            return policy(check, CheckStatus.invalid, "HTTP " + status + " redirect (RFC 8461 3.3: not followed)");
        }
        if (status != 200) {
            return policy(check, CheckStatus.invalid, "HTTP " + status);
        }
        if (r.truncated()) {
            return policy(check, CheckStatus.invalid, "larger than " + r.body().length + " bytes");
        }
        if (!MediaTypes.isTextPlain(r.contentType())) {
            return policy(check, CheckStatus.invalid, "Content-Type is not text/plain: " + r.contentType());
        }
        MtaStsPolicy policy = MtaStsPolicy.parse(r.text());
        if (!policy.valid()) {
            return policy(check, CheckStatus.invalid, policy.invalidReason());
        }
        check.setPolicyStatus(CheckStatus.present)
                .setMode(policy.mode())
                .setPolicyMx(policy.mx())
                .setMaxAge(policy.maxAge())
                .setMxMatch(mxHosts.isEmpty() ? null
                        : mxHosts.stream().allMatch(host -> MxPatterns.matchesAny(policy.mx(), host)));
        return check.build();
    }

    private static MtaStsCheck policy(MtaStsCheck.Builder check, CheckStatus status, String reason) {
        return check.setPolicyStatus(status).setInvalidReason("policy: " + reason).build();
    }
}
