package io.mailcensus.worker.dns.records;

import com.google.common.net.InternetDomainName;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The provider of a host name: its registrable domain under the Public Suffix List, e.g.
 * {@code ns1.hostpoint.ch -> hostpoint.ch}, {@code x.mail.protection.outlook.com -> outlook.com}
 * (the report names Exchange Online by its MX zone itself, see mx_provider.sql).
 *
 * <p>The list is the one shipped in Guava ({@link InternetDomainName}), private-domain rules
 * included, so {@code foo.github.io} is its own provider. Names the list cannot place fall back to
 * their last two labels: hosts under a TLD the list does not know (the testbed's {@code test.} and
 * {@code example.}, an internal TLD), and names that are themselves a public suffix. A single
 * label stays as it is; the root and non-names give no provider ("").
 */
public final class RegistrableDomain {

    /**
     * Recent answers: a scan asks about the same provider hosts (a hoster's name servers and MX
     * hosts) for most of its domains, and the Public Suffix List walk was 2% of a scan's CPU.
     * Cleared when full; self-hosted names come once each and would only churn an LRU.
     */
    private static final Map<String, String> RECENT = new ConcurrentHashMap<>();
    private static final int MAX_RECENT = 16_384;

    private RegistrableDomain() {}

    /** The provider of one host name (any case, with or without the trailing dot). */
    public static String of(String host) {
        String known = RECENT.get(host);
        if (known != null) {
            return known;
        }
        String provider = lookUp(host);
        if (RECENT.size() >= MAX_RECENT) {
            RECENT.clear();
        }
        RECENT.put(host, provider);
        return provider;
    }

    private static String lookUp(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty()) {
            return "";
        }
        try {
            InternetDomainName parsed = InternetDomainName.from(name);
            if (parsed.isUnderPublicSuffix()) {
                return parsed.topPrivateDomain().toString();
            }
        } catch (IllegalArgumentException e) {
            // Not a host name Guava accepts (e.g. an underscore label at the end): fall back.
        }
        return lastTwoLabels(name);
    }

    /** The providers of several hosts, in the hosts' order, without duplicates or blanks. */
    public static List<String> ofAll(Collection<String> hosts) {
        return hosts.stream().map(RegistrableDomain::of).filter(p -> !p.isEmpty()).distinct().toList();
    }

    private static String lastTwoLabels(String name) {
        List<String> labels = Arrays.asList(name.split("\\."));
        if (labels.stream().anyMatch(String::isEmpty)) {
            return "";
        }
        int from = Math.max(0, labels.size() - 2);
        return String.join(".", labels.subList(from, labels.size()));
    }
}
