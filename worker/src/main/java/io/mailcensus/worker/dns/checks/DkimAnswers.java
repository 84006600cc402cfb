package io.mailcensus.worker.dns.checks;

import io.mailcensus.worker.dns.client.DnsAnswer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The DNS answers a DKIM check reads.
 *
 * @param node {@code TXT _domainkey.<d>}
 * @param wildcardProbe {@code TXT <never-used selector>._domainkey.<d>}: any NOERROR here means a
 *     wildcard answers every selector, so selector answers that look like it prove nothing
 * @param selectors {@code TXT <selector>._domainkey.<d>} by selector, in the order asked; empty when not asked
 * @param notAskedBecause why the selectors were not asked, or null when they were
 */
public record DkimAnswers(DnsAnswer node, DnsAnswer wildcardProbe, Map<String, DnsAnswer> selectors,
        String notAskedBecause) {

    public DkimAnswers {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(wildcardProbe, "wildcardProbe");
        selectors = Collections.unmodifiableMap(new LinkedHashMap<>(selectors));
    }
}
