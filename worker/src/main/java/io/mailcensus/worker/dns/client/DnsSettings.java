package io.mailcensus.worker.dns.client;

import io.mailcensus.worker.dns.dnssec.DnssecMode;
import io.mailcensus.worker.dns.dnssec.TrustAnchor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the DNS checks talk to resolvers. Validated on construction, so a bad value fails at
 * start-up rather than in the middle of a scan.
 *
 * @param resolvers recursive resolvers to ask; empty means the system's (dnsjava's ResolverConfig)
 * @param timeout per attempt; a query that gets no answer in time is retried
 * @param retries extra attempts after a timeout (never after SERVFAIL, REFUSED or a network
 *     error: those are answers, and asking again would only hide them)
 * @param maxInFlight queries on the wire at once, across all domains of this checker
 * @param dkimSelectors selectors probed under {@code _domainkey} (see DkimQueries: about one
 *     query each for every domain that shows a sign of mail)
 * @param dkimAfterNxdomain ask the selectors even where {@code _domainkey} answered NXDOMAIN. Off
 *     by default: RFC 8020 says nothing exists below an NXDOMAIN name, so the selectors (most of a
 *     domain's queries) would all be NXDOMAIN too. On for zones served by software that answers
 *     NXDOMAIN for empty non-terminals, which hides keys that do exist below the node.
 * @param dnssec who judges DNSSEC: mailcensus ({@code validate}), the resolver's AD bit, or nobody
 * @param trustAnchor where validation starts (mode {@code validate}); the IANA root anchor by default
 */
public record DnsSettings(
        List<InetSocketAddress> resolvers,
        Duration timeout,
        int retries,
        int maxInFlight,
        List<String> dkimSelectors,
        boolean dkimAfterNxdomain,
        DnssecMode dnssec,
        TrustAnchor trustAnchor) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_RETRIES = 2;
    public static final int DEFAULT_MAX_IN_FLIGHT = 256;

    /**
     * checks.md's list. SendGrid signs with s1/s2, which are already in it; selector1/selector2
     * are Microsoft 365's.
     */
    public static final List<String> DEFAULT_DKIM_SELECTORS = List.of(
            "selector1", "selector2", "google", "default", "k1", "k2", "s1", "s2", "dkim", "mail",
            "smtp", "mxvault", "everlytickey1", "everlytickey2", "protonmail", "protonmail2",
            "protonmail3", "fm1", "fm2", "fm3", "zoho", "mandrill", "mailjet");

    /** A selector is one or more DNS labels (RFC 6376 3.1: selectors may contain periods). */
    private static final Pattern SELECTOR =
            Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*");

    public DnsSettings {
        resolvers = List.copyOf(Objects.requireNonNull(resolvers, "resolvers"));
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0: " + retries);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be >= 1: " + maxInFlight);
        }
        dkimSelectors = List.copyOf(Objects.requireNonNull(dkimSelectors, "dkimSelectors"));
        for (String selector : dkimSelectors) {
            if (!SELECTOR.matcher(selector).matches()) {
                throw new IllegalArgumentException("not a DKIM selector: '" + selector + "'");
            }
        }
        Objects.requireNonNull(dnssec, "dnssec");
        Objects.requireNonNull(trustAnchor, "trustAnchor");
    }

    /**
     * The system's resolvers and every default. DNSSEC is off here, so a library caller (or a test
     * double that cannot sign) sends only the check queries; the command line's default is
     * {@code --dnssec validate} from the IANA root anchor, set by the launcher.
     */
    public static DnsSettings defaults() {
        return new DnsSettings(List.of(), DEFAULT_TIMEOUT, DEFAULT_RETRIES, DEFAULT_MAX_IN_FLIGHT,
                DEFAULT_DKIM_SELECTORS, false, DnssecMode.OFF, TrustAnchor.ianaRoot());
    }

    public DnsSettings withResolvers(List<InetSocketAddress> value) {
        return new DnsSettings(value, timeout, retries, maxInFlight, dkimSelectors, dkimAfterNxdomain, dnssec, trustAnchor);
    }

    public DnsSettings withTimeout(Duration value) {
        return new DnsSettings(resolvers, value, retries, maxInFlight, dkimSelectors, dkimAfterNxdomain, dnssec, trustAnchor);
    }

    public DnsSettings withRetries(int value) {
        return new DnsSettings(resolvers, timeout, value, maxInFlight, dkimSelectors, dkimAfterNxdomain, dnssec, trustAnchor);
    }

    public DnsSettings withMaxInFlight(int value) {
        return new DnsSettings(resolvers, timeout, retries, value, dkimSelectors, dkimAfterNxdomain, dnssec, trustAnchor);
    }

    public DnsSettings withDkimSelectors(List<String> value) {
        return new DnsSettings(resolvers, timeout, retries, maxInFlight, value, dkimAfterNxdomain, dnssec, trustAnchor);
    }

    public DnsSettings withDkimAfterNxdomain(boolean value) {
        return new DnsSettings(resolvers, timeout, retries, maxInFlight, dkimSelectors, value, dnssec, trustAnchor);
    }

    public DnsSettings withDnssec(DnssecMode value) {
        return new DnsSettings(resolvers, timeout, retries, maxInFlight, dkimSelectors, dkimAfterNxdomain, value, trustAnchor);
    }

    public DnsSettings withTrustAnchor(TrustAnchor value) {
        return new DnsSettings(resolvers, timeout, retries, maxInFlight, dkimSelectors, dkimAfterNxdomain, dnssec, value);
    }
}
