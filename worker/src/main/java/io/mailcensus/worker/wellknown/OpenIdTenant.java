package io.mailcensus.worker.wellknown;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Microsoft 365 tenant behind a domain, from the OpenID configuration that
 * {@code login.microsoftonline.com/<domain>/.well-known/openid-configuration} serves: the
 * document exists when it is a JSON object with a {@code token_endpoint}; the tenant id is the
 * GUID in that endpoint ({@code https://login.microsoftonline.com/<guid>/oauth2/token}).
 *
 * @param tenantId lower case, null when the endpoint carries no GUID
 * @param invalidReason null when the document is an OpenID configuration
 */
public record OpenIdTenant(String tenantId, String invalidReason) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern GUID = Pattern.compile(
            "(?<![0-9A-Fa-f])[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}(?![0-9A-Fa-f])");

    public boolean valid() {
        return invalidReason == null;
    }

    public static OpenIdTenant parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            return new OpenIdTenant(null, "not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            return new OpenIdTenant(null, "unreadable: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            return new OpenIdTenant(null, "not a JSON object");
        }
        JsonNode endpoint = root.get("token_endpoint");
        if (endpoint == null || !endpoint.isTextual()) {
            return new OpenIdTenant(null, "no token_endpoint");
        }
        Matcher guid = GUID.matcher(endpoint.asText());
        return new OpenIdTenant(guid.find() ? guid.group().toLowerCase(Locale.ROOT) : null, null);
    }
}
