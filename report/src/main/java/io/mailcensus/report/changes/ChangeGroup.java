package io.mailcensus.report.changes;

import java.util.List;

/**
 * The domains whose fact {@code what} went from {@code before} to {@code after}, with a few examples.
 *
 * @param what dmarc_policy, spf_all, dnssec, mta_sts_mode, mx_provider, ns_provider, starttls, certificate, dane
 */
public record ChangeGroup(String what, String before, String after, long domains, List<String> examples) {

    /** One line a security team can act on: "312 domains: DMARC policy reject → none (e.g. a.ch, b.ch)". */
    public String sentence() {
        return String.format("%,d %s: %s %s → %s (e.g. %s)", domains, domains == 1 ? "domain" : "domains",
                label(what), shown(before), shown(after), String.join(", ", examples));
    }

    public static String label(String what) {
        return switch (what) {
            case "dmarc_policy" -> "DMARC policy";
            case "spf_all" -> "SPF all";
            case "dnssec" -> "DNSSEC validation";
            case "mta_sts_mode" -> "MTA-STS mode";
            case "mx_provider" -> "MX provider";
            case "ns_provider" -> "NS provider";
            case "starttls" -> "STARTTLS on the MX hosts";
            case "certificate" -> "MX certificates";
            case "dane" -> "DANE";
            default -> what;
        };
    }

    private static String shown(String value) {
        return value == null || value.isEmpty() ? "(none)" : value;
    }
}
