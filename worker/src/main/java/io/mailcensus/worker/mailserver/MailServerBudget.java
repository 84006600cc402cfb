package io.mailcensus.worker.mailserver;

import java.time.Duration;
import java.util.Objects;

/**
 * What one domain's mail servers may cost a scan, so that one domain (a hostile zone with 32 MX
 * names on one tarpit, or an honest one with many names on one busy address) cannot hold the end
 * of a scan. Pairs left out are stored {@code connect = not_checked} with an error that starts
 * with {@code not_probed: budget}: unknown in every figure, never "no STARTTLS".
 *
 * @param hostsPerAddress MX host names of one domain probed on one address (the gate admits one
 *     at a time, so each further name there costs a politeness pause); names beyond it are left out
 * @param pairsPerDomain (host, address) pairs of one domain probed at most, in MX preference order
 * @param time how long after the first of a domain's probes started the others may still start; a
 *     probe already running then ends by its own timeouts (the SMTP deadline), one not started is
 *     left out. Counted per worker: a distributed scan's workers each hold the pairs of their gates
 */
public record MailServerBudget(int hostsPerAddress, int pairsPerDomain, Duration time) {

    public static final int DEFAULT_HOSTS_PER_ADDRESS = 4;
    public static final int DEFAULT_PAIRS_PER_DOMAIN = 32;
    public static final Duration DEFAULT_TIME = Duration.ofMinutes(2);

    /** The prefix of the error of a pair the budget left out (report SQL may match it). */
    public static final String NOT_PROBED = "not_probed: budget";

    public MailServerBudget {
        if (hostsPerAddress < 1 || pairsPerDomain < 1) {
            throw new IllegalArgumentException("host names per address and pairs per domain must be at least 1");
        }
        Objects.requireNonNull(time, "time");
        if (time.isNegative() || time.isZero()) {
            throw new IllegalArgumentException("the mail server time budget must be positive: " + time);
        }
    }

    public static MailServerBudget defaults() {
        return new MailServerBudget(DEFAULT_HOSTS_PER_ADDRESS, DEFAULT_PAIRS_PER_DOMAIN, DEFAULT_TIME);
    }
}
