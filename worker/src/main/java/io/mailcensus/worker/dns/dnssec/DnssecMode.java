package io.mailcensus.worker.dns.dnssec;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Who decides whether a domain's answers are DNSSEC-secure.
 * <ul>
 *   <li>{@link #VALIDATE}: mailcensus itself, with dnsjava's {@code ValidatingResolver} from a
 *       trust anchor. The check queries carry the CD bit, so a bogus zone's records are still
 *       measured instead of disappearing behind the resolver's SERVFAIL.</li>
 *   <li>{@link #TRUST_AD}: the AD bit of the configured resolver, which must be a validating
 *       resolver one trusts (on the same host, or over a trusted path). Check queries carry CD
 *       here too; the verdict query does not, and SERVFAIL without CD where CD answers is bogus.</li>
 *   <li>{@link #OFF}: no verdict ({@code not_checked}); queries go out as plain recursive queries.</li>
 * </ul>
 */
public enum DnssecMode {
    VALIDATE,
    TRUST_AD,
    OFF;

    /** The spelling on the command line: {@code validate}, {@code trust-ad}, {@code off}. */
    public String option() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@link #option()}; anything else fails with a message naming the choices. */
    public static DnssecMode parse(String text) {
        for (DnssecMode m : values()) {
            if (m.option().equalsIgnoreCase(text.strip())) {
                return m;
            }
        }
        throw new IllegalArgumentException("--dnssec must be one of "
                + Arrays.stream(values()).map(DnssecMode::option).collect(Collectors.joining(", "))
                + ", not '" + text + "'");
    }

    /** Whether check queries set CD: only when somebody judges DNSSEC, so that bogus data stays visible. */
    public boolean checkingDisabled() {
        return this != OFF;
    }
}
