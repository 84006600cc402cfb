package io.mailcensus.testbed.mutate;

import java.util.List;
import java.util.Optional;

/**
 * One change to one domain that {@code mutate} can make on a running testbed, with what the
 * change feed must report for it.
 *
 * @param zoneEdit for a record change: the line of the domain's zone file to replace and its replacement
 * @param server for a mail server change: the MX address whose Postfix service changes
 */
public record Mutation(Kind kind, String domain, List<ExpectedChange> changes, Optional<LineEdit> zoneEdit,
        Optional<String> server) {

    public enum Kind {
        /** The DMARC record's p= moves (none to reject, quarantine or reject to none). */
        DMARC_POLICY,
        /** The SPF record's -all becomes ~all and back. */
        SPF_ALL,
        /** The domain's DS at the TLD names a key the zone does not have: secure becomes bogus. */
        DS_BOGUS,
        /** The domain's only mail server stops offering STARTTLS. */
        STARTTLS_OFF,
        /** The domain's only mail server presents an expired (self-signed) certificate. */
        CERTIFICATE_EXPIRED
    }

    /** Replace {@code before} (a whole line) with {@code after}. */
    public record LineEdit(String before, String after) {}
}
