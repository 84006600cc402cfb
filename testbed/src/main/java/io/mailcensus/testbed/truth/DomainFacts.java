package io.mailcensus.testbed.truth;

import java.util.List;
import java.util.Objects;
import java.util.Set;

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
 * @param ds a DS record set sits at the parent; how the child is signed is in the cases ({@link #dnssec()})
 * @param cases short tags naming the generated variants, for people reading a failed comparison
 * @param discovery Autodiscover, Lyncdiscover, SIP federation, and the names that time out
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
        List<String> cases,
        Discovery discovery) {

    public DomainFacts {
        Objects.requireNonNull(name);
        Objects.requireNonNull(unicode);
        Objects.requireNonNull(discovery);
        cases = List.copyOf(cases);
        if (broken != Broken.NONE && !discovery.equals(Discovery.NONE)) {
            throw new IllegalArgumentException("a broken domain has no discovery records: " + name);
        }
        if (discovery.timesOut(Discovery.DMARC) && dmarc != Dmarc.NONE) {
            throw new IllegalArgumentException("a DMARC record behind a dead delegation cannot be seen: " + name);
        }
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

    /** Without client-discovery records and without names that time out. */
    public DomainFacts(String name, String unicode, Broken broken, MxKind mx, int spfRecords, SpfAll spfAll,
            boolean spfRedirect, boolean spfNoMail, Dmarc dmarc, DmarcPolicy dmarcPolicy, boolean dmarcRua,
            boolean caa, boolean ds, boolean mtaSts, boolean tlsRpt, Bimi bimi, Dkim dkim, List<String> cases) {
        this(name, unicode, broken, mx, spfRecords, spfAll, spfRedirect, spfNoMail, dmarc, dmarcPolicy, dmarcRua,
                caa, ds, mtaSts, tlsRpt, bimi, dkim, cases, Discovery.NONE);
    }

    /**
     * How the domain's DNSSEC is set up, read from its {@code dnssec:*} case tag (so the record
     * keeps its shape); without a tag, a DS means a correctly signed child.
     */
    public Dnssec dnssec() {
        for (Dnssec d : Dnssec.values()) {
            if (d.tag() != null && cases.contains(d.tag())) {
                return d;
            }
        }
        return ds ? Dnssec.SECURE : Dnssec.UNSIGNED;
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

    /**
     * Client discovery (checks.md: Autodiscover, Lyncdiscover, SIP federation) and the "errors are
     * data" case: names of an otherwise healthy domain delegated to a server that never answers,
     * so exactly those checks are {@code error} while the rest of the domain is measured.
     *
     * @param timeouts the checks whose name times out: {@link #AUTODISCOVER} ({@code autodiscover.<d>})
     *     and/or {@link #DMARC} ({@code _dmarc.<d>}); a check that times out has no record
     */
    public record Discovery(boolean autodiscover, boolean lyncdiscover, boolean sipFederation, Set<String> timeouts) {

        public static final String AUTODISCOVER = "autodiscover";
        public static final String DMARC = "dmarc";
        public static final Discovery NONE = new Discovery(false, false, false, Set.of());

        public Discovery {
            timeouts = Set.copyOf(timeouts);
            if (!Set.of(AUTODISCOVER, DMARC).containsAll(timeouts)) {
                throw new IllegalArgumentException("unknown timing-out check in " + timeouts);
            }
            if (autodiscover && timeouts.contains(AUTODISCOVER)) {
                throw new IllegalArgumentException("autodiscover cannot be both present and timing out");
            }
        }

        public boolean timesOut(String check) {
            return timeouts.contains(check);
        }
    }

    /** How a delegation fails. Both end in SERVFAIL from the resolver, so in {@code error}. */
    public enum Broken {
        NONE,
        /** Delegated to an address where nothing listens on port 53: every query times out. */
        UNREACHABLE,
        /** Delegated to a server that does not serve the zone and answers REFUSED (lame). */
        LAME
    }

    /**
     * DNSSEC of a child zone, as a validator starting from the testbed's root anchor sees it.
     * Bogus children are still served: a scanner reads their records with the CD bit.
     */
    public enum Dnssec {
        /** No DS at the parent, zone not signed: insecure. */
        UNSIGNED(null, false, false),
        /** Signed by Knot, DS at the parent matches its key: secure. */
        SECURE("dnssec:secure", true, true),
        /** Signed, but the DS at the parent matches no key of the child: bogus. */
        BOGUS_DS_MISMATCH("dnssec:bogus-ds-mismatch", true, true),
        /** A DS at the parent, but the child is not signed at all: bogus. */
        BOGUS_UNSIGNED("dnssec:bogus-unsigned", true, false),
        /** Signed, but no DS at the parent (an island of security): insecure. */
        ISLAND("dnssec:island", false, true);

        private final String tag;
        private final boolean ds;
        private final boolean signedChild;

        Dnssec(String tag, boolean ds, boolean signedChild) {
            this.tag = tag;
            this.ds = ds;
            this.signedChild = signedChild;
        }

        /** The case tag that names it in {@code truth-domains.tsv}. */
        public String tag() {
            return tag;
        }

        /** A DS sits at the parent (the report's {@code dnssec.signed}). */
        public boolean ds() {
            return ds;
        }

        /** Knot signs the child zone. */
        public boolean signedChild() {
            return signedChild;
        }

        public boolean bogus() {
            return this == BOGUS_DS_MISMATCH || this == BOGUS_UNSIGNED;
        }
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
