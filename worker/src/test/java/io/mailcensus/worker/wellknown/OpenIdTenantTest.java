package io.mailcensus.worker.wellknown;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OpenIdTenantTest {

    private static OpenIdTenant parse(String json) {
        return OpenIdTenant.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theTenantIsTheGuidInTheTokenEndpoint() {
        OpenIdTenant tenant = parse("""
                {"token_endpoint":"https://login.microsoftonline.com/72F988BF-86F1-41AF-91AB-2D7CD011DB47/oauth2/token",
                 "issuer":"https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/"}""");
        assertThat(tenant.valid()).isTrue();
        assertThat(tenant.tenantId()).isEqualTo("72f988bf-86f1-41af-91ab-2d7cd011db47");
    }

    @Test
    void aDocumentWithoutTokenEndpointIsNotAnOpenIdConfiguration() {
        assertThat(parse("{\"error\":\"invalid_tenant\"}").invalidReason()).isEqualTo("no token_endpoint");
        assertThat(parse("[1,2]").invalidReason()).isEqualTo("not a JSON object");
        assertThat(parse("<html>").valid()).isFalse();
    }

    @Test
    void anEndpointWithoutGuidGivesNoTenantId() {
        OpenIdTenant tenant = parse("{\"token_endpoint\":\"https://login.microsoftonline.com/common/oauth2/token\"}");
        assertThat(tenant.valid()).isTrue();
        assertThat(tenant.tenantId()).isNull();
    }
}
