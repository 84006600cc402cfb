package io.mailcensus.worker.https;

import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.M365Check;
import io.mailcensus.worker.wellknown.OpenIdTenant;
import java.util.concurrent.CompletionStage;

/**
 * The Microsoft 365 tenant: {@code https://login.microsoftonline.com/<d>/.well-known/openid-configuration}.
 * Every request goes to one host, so they all queue at its politeness gate. Status:
 * {@code present} = a 200 OpenID configuration (JSON with a token_endpoint) over trusted TLS,
 * {@code tenant_id} = the GUID in it; {@code absent} = 400 or 404 (Microsoft answers 400
 * AADSTS90002 for a domain no tenant claims); {@code invalid} = a 200 that is not such a
 * document; {@code error} = anything else (timeouts, 429/5xx, an untrusted certificate, other
 * statuses), since then nothing is known about the tenant; {@code not_checked} = the host is on
 * the opt-out list.
 */
final class M365Probe {

    private final HttpsClient client;
    private final WebProbeSettings settings;

    M365Probe(HttpsClient client, WebProbeSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    /** Whether the probe runs: DNS evidence, or every domain when asked. */
    boolean applies(M365Check dns) {
        return settings.m365ForAll() || !dns.getEvidence().isEmpty();
    }

    CompletionStage<M365Check> probe(String domain, M365Check dns) {
        HttpsUrl url = new HttpsUrl(settings.m365Host(), client.settings().port(),
                "/" + domain + "/.well-known/openid-configuration");
        return client.get(url, settings.openIdMaxBytes(), 0).thenApply(result -> judge(dns, result));
    }

    static M365Check judge(M365Check dns, FetchResult result) {
        M365Check.Builder check = M365Check.newBuilder(dns);
        if (result instanceof FetchResult.Failure f && (f.kind() == FetchResult.Kind.OPTED_OUT || f.kind() == FetchResult.Kind.POLICY)) {
            return check.setStatus(CheckStatus.not_checked).build();
        }
        if (!(result instanceof FetchResult.Response r) || !r.trusted()) {
            return check.setStatus(CheckStatus.error).build();
        }
        if (r.status() == 400 || r.status() == 404) {
            return check.setStatus(CheckStatus.absent).build();
        }
        if (r.status() != 200) {
            return check.setStatus(CheckStatus.error).build();
        }
        if (r.truncated()) {
            return check.setStatus(CheckStatus.invalid).build();
        }
        OpenIdTenant tenant = OpenIdTenant.parse(r.body());
        return check.setStatus(tenant.valid() ? CheckStatus.present : CheckStatus.invalid)
                .setTenantId(tenant.tenantId())
                .build();
    }
}
