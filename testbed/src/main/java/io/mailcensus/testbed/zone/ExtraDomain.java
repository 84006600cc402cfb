package io.mailcensus.testbed.zone;

import java.util.List;
import java.util.Objects;

/**
 * A child domain written by hand rather than generated: integration tests put the names of their
 * own servers (mail servers, HTTPS hosts) and records about them (MX, TLSA, {@code _mta-sts})
 * into the DNS world this way. The generator adds the SOA and NS records and the delegation; a
 * signed domain gets its DS in the TLD, so its records validate as secure.
 *
 * @param name the domain without the trailing dot, under the testbed's TLD (e.g. {@code tls-ok.test})
 * @param records zone-file lines relative to the domain ({@code "@ IN MX 10 mx"},
 *     {@code "mx IN A 127.25.0.1"}) or absolute
 * @param signed Knot signs the zone and the TLD holds its DS
 */
public record ExtraDomain(String name, List<String> records, boolean signed) {

    public ExtraDomain {
        Objects.requireNonNull(name, "name");
        records = List.copyOf(records);
        if (name.endsWith(".") || name.isEmpty()) {
            throw new IllegalArgumentException("a domain name without the trailing dot: " + name);
        }
    }
}
