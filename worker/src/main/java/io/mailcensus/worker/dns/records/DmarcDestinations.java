package io.mailcensus.worker.dns.records;

import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.List;

/**
 * External report destinations (RFC 7489 7.1). A {@code mailto:} rua address whose domain lies
 * outside the policy domain's Organizational Domain must be authorised by a TXT record starting
 * with {@code v=DMARC1} at {@code <policy-domain>._report._dmarc.<destination-domain>}.
 *
 * <p>Reading of "outside": RFC 7489 compares Organizational Domains. The domains scanned here are
 * the registered domains of a TLD, so the policy domain is its own Organizational Domain, and a
 * destination shares it exactly when it equals the policy domain or ends with "." + policy domain.
 * No public suffix list is needed for that, and two different registered domains (even of one
 * owner) are external to each other, as the RFC's exact comparison says.
 */
public final class DmarcDestinations {

    private DmarcDestinations() {}

    /** The distinct external destination domains of these rua URIs, lower case, sorted. */
    public static List<String> external(String policyDomain, List<String> rua) {
        String policy = normalise(policyDomain);
        TreeSet<String> hosts = new TreeSet<>();
        for (String uri : rua) {
            mailtoDomain(uri).filter(host -> !host.equals(policy) && !host.endsWith("." + policy)).ifPresent(hosts::add);
        }
        return List.copyOf(hosts);
    }

    /** The domain of a {@code mailto:} URI, without DMARC's "!size" suffix; empty for other schemes. */
    static Optional<String> mailtoDomain(String uri) {
        if (!uri.regionMatches(true, 0, "mailto:", 0, 7)) {
            return Optional.empty();
        }
        String address = uri.substring(7);
        int bang = address.lastIndexOf('!');
        if (bang >= 0) {
            address = address.substring(0, bang);
        }
        int query = address.indexOf('?');
        if (query >= 0) {
            address = address.substring(0, query);
        }
        int at = address.lastIndexOf('@');
        String host = normalise(at < 0 ? "" : address.substring(at + 1));
        return host.isEmpty() ? Optional.empty() : Optional.of(host);
    }

    private static String normalise(String domain) {
        String d = domain.trim().toLowerCase(Locale.ROOT);
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }
}
