package io.mailcensus.testbed.truth;

import java.util.List;
import java.util.Objects;

/**
 * What a correct scanner must find for one generated domain, decided by the generator before it
 * writes the records. {@link Metric} turns these facts into the report's counts.
 *
 * @param name the A-label form, lower case, without the trailing dot
 * @param unicode the Unicode form (equal to {@code name} for a non-IDN domain)
 * @param broken how the delegation is broken, {@link Broken#NONE} for a domain that answers
 * @param spfRecords how many TXT records at the apex are SPF records ({@code v=spf1} followed by a
 *     space or the end, case-insensitive, after joining the character-strings)
 * @param spfAll the {@code all} qualifier that ends the domain's only SPF record; {@link SpfAll#NONE}
 *     when it has no {@code all}, and also when there is not exactly one SPF record
 * @param spfRedirect the only SPF record has a {@code redirect=} modifier
 * @param spfNoMail the only SPF record is exactly {@code v=spf1 -all}
 * @param dmarcPolicy the {@code p=} of a valid DMARC record, null otherwise
 * @param dmarcRua a valid DMARC record has {@code rua=}
 * @param ds a DS record set sits at the parent
 * @param cases short tags naming the generated variants, for people reading a failed comparison
 */
public record DomainFacts(
        String name,
        String unicode,
        Broken broken,
        MxKind mx,
        int spfRecords,
        SpfAll spfAll,
        boolean spfRedirect,
        boolean spfNoMail,
        Dmarc dmarc,
        DmarcPolicy dmarcPolicy,
        boolean dmarcRua,
        boolean caa,
        boolean ds,
        boolean mtaSts,
        boolean tlsRpt,
        Bimi bimi,
        Dkim dkim,
        List<String> cases) {

    public DomainFacts {
        Objects.requireNonNull(name);
        Objects.requireNonNull(unicode);
        cases = List.copyOf(cases);
        if (broken != Broken.NONE && (idnName(name) || ds)) {
            // A broken domain must count in domains.error and nowhere else, whatever the scanner
            // does with the parent's answers; so it never carries facts visible from the parent.
            throw new IllegalArgumentException("a broken domain has no DS and no IDN label: " + name);
        }
        if (spfRecords != 1 && (spfAll != SpfAll.NONE || spfRedirect || spfNoMail)) {
            throw new IllegalArgumentException("all/redirect/no_mail describe exactly one SPF record: " + name);
        }
        if ((dmarc == Dmarc.VALID) != (dmarcPolicy != null) || (dmarcRua && dmarc != Dmarc.VALID)) {
            throw new IllegalArgumentException("policy and rua belong to a valid DMARC record: " + name);
        }
    }

    /** The domain answers, so its facts are measurable (not {@code error}). */
    public boolean ok() {
        return broken == Broken.NONE;
    }

    /** Any label is an A-label. */
    public boolean idn() {
        return idnName(name);
    }

    private static boolean idnName(String name) {
        for (String label : name.split("\\.")) {
            if (label.startsWith("xn--")) {
                return true;
            }
        }
        return false;
    }

    /** How a delegation fails. Both end in SERVFAIL from the resolver, so in {@code error}. */
    public enum Broken {
        NONE,
        /** Delegated to an address where nothing listens on port 53: every query times out. */
        UNREACHABLE,
        /** Delegated to a server that does not serve the zone and answers REFUSED (lame). */
        LAME
    }

    /** The MX record set, as the report's bases see it. */
    public enum MxKind {
        NONE,
        /** Usable MX hosts (possibly with odd parts such as CNAME hosts or duplicates). */
        PRESENT,
        /** Exactly one {@code MX 0 .} (RFC 7505). */
        NULL,
        /** Every MX host is localhost by name or by address (127.0.0.1 / ::1 only). */
        LOCALHOST
    }

    public enum SpfAll {
        NONE, FAIL, SOFTFAIL, NEUTRAL, PASS
    }

    public enum Dmarc {
        NONE,
        /** Exactly one {@code v=DMARC1} record that parses. */
        VALID,
        /** Exactly one {@code v=DMARC1} record that does not parse (bad or empty {@code p=}, no rua). */
        INVALID
    }

    public enum DmarcPolicy {
        NONE, QUARANTINE, REJECT
    }

    public enum Bimi {
        NONE, RECORD, CERTIFICATE
    }

    /**
     * DKIM as DNS shows it.
     * {@link #NODE} = the {@code _domainkey} node exists (a key lives at a selector that is not
     * in the default list); {@link #KEY} = also a valid key at a selector of the default list.
     */
    public enum Dkim {
        NONE, NODE, KEY
    }
}
