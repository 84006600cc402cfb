package io.mailcensus.worker.dns.records;

/** Facts about a domain name itself. */
public final class DomainNames {

    private DomainNames() {}

    /** checks.md: any label starts with "xn--" (an A-label, i.e. an internationalised name). */
    public static boolean isIdn(String domain) {
        for (String label : domain.split("\\.")) {
            if (label.regionMatches(true, 0, "xn--", 0, 4)) {
                return true;
            }
        }
        return false;
    }
}
