package io.mailcensus.launcher;

import io.mailcensus.core.net.ServerAddress;
import io.mailcensus.worker.dns.client.DnsSettings;
import io.mailcensus.worker.dns.dnssec.DnssecMode;
import io.mailcensus.worker.dns.dnssec.TrustAnchor;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** How probes talk to the network: resolvers, timeouts and concurrency. Shared by scan and check. */
final class ProbeOptions {

    @Option(names = "--resolver", paramLabel = "HOST[:PORT]",
            description = "a recursive resolver to ask (repeatable; default: the system's). IPv6 as [::1]:53")
    List<String> resolvers = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s",
            description = "per DNS query attempt, e.g. 2s, 500ms (default: ${DEFAULT-VALUE})")
    String timeout;

    @Option(names = "--retries", defaultValue = "" + DnsSettings.DEFAULT_RETRIES,
            description = "extra attempts after a timeout (default: ${DEFAULT-VALUE})")
    int retries;

    @Option(names = "--max-queries", paramLabel = "N", defaultValue = "" + DnsSettings.DEFAULT_MAX_IN_FLIGHT,
            description = "DNS queries in flight at once (default: ${DEFAULT-VALUE})")
    int maxQueries = DnsSettings.DEFAULT_MAX_IN_FLIGHT; // also the value where check does not take the option

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "256",
            description = "domains in flight at once (default: ${DEFAULT-VALUE})")
    int concurrency = 256; // also the value where check does not take the option

    @Option(names = "--dnssec", paramLabel = "validate|trust-ad|off", defaultValue = "validate",
            description = "who judges DNSSEC: mailcensus from the trust anchor, the AD bit of a trusted "
                    + "validating resolver, or nobody (default: ${DEFAULT-VALUE})")
    String dnssec;

    @Option(names = "--trust-anchor", paramLabel = "FILE",
            description = "DS or DNSKEY records in zone-file format, as Unbound's trust-anchor-file "
                    + "(default: the IANA root anchor)")
    Path trustAnchor;

    @Option(names = "--dkim-selectors", paramLabel = "S1,S2,...", split = ",",
            description = "DKIM selectors to look for (default: the list in checks.md)")
    List<String> dkimSelectors;

    @Option(names = "--dkim-after-nxdomain",
            description = "ask the DKIM selectors even where _domainkey answers NXDOMAIN (by default "
                    + "they are skipped there, RFC 8020: for zones on servers that answer NXDOMAIN for "
                    + "empty non-terminals)")
    boolean dkimAfterNxdomain;

    DnsSettings settings() {
        if (concurrency < 1) {
            throw new UserException("--concurrency must be at least 1");
        }
        if (trustAnchor != null && !dnssec.strip().equalsIgnoreCase(DnssecMode.VALIDATE.option())) {
            throw new UserException("--trust-anchor is used only with --dnssec validate");
        }
        try {
            DnsSettings s = DnsSettings.defaults()
                    .withResolvers(resolvers.stream().map(ProbeOptions::resolver).toList())
                    .withTimeout(duration(timeout))
                    .withRetries(retries)
                    .withMaxInFlight(maxQueries)
                    .withDnssec(DnssecMode.parse(dnssec))
                    .withTrustAnchor(trustAnchor == null ? TrustAnchor.ianaRoot() : TrustAnchor.fromFile(trustAnchor))
                    .withDkimAfterNxdomain(dkimAfterNxdomain);
            return dkimSelectors == null ? s : s.withDkimSelectors(dkimSelectors);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
    }

    /** {@code HOST}, {@code HOST:PORT}, {@code [V6]} or {@code [V6]:PORT}; port 53 by default. */
    static InetSocketAddress resolver(String spec) {
        try {
            return ServerAddress.parse("--resolver", spec, 53);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
    }

    /** {@code 5s}, {@code 500ms}, {@code 2m}, or an ISO-8601 duration. */
    static Duration duration(String s) {
        try {
            String t = s.strip().toLowerCase(java.util.Locale.ROOT);
            if (t.startsWith("p")) {
                return Duration.parse(t);
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            }
            if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            throw new NumberFormatException(s);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new UserException("not a duration: '" + s + "' (try 5s or 500ms)");
        }
    }
}
