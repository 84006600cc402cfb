package io.mailcensus.worker.dns.scan;

import io.mailcensus.worker.dns.client.DnsSettings;
import java.util.List;

/**
 * Which DKIM selectors a domain's scan asks, and when it may skip them.
 *
 * @param selectors asked under {@code _domainkey}, in this order
 * @param afterNxdomain ask them even where {@code _domainkey} itself answered NXDOMAIN (see
 *     {@link DnsSettings#dkimAfterNxdomain()})
 */
record DkimPlan(List<String> selectors, boolean afterNxdomain) {

    DkimPlan {
        selectors = List.copyOf(selectors);
    }

    static DkimPlan of(DnsSettings settings) {
        return new DkimPlan(settings.dkimSelectors(), settings.dkimAfterNxdomain());
    }
}
