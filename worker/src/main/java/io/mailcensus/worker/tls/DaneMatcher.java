package io.mailcensus.worker.tls;

import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Matches a TLSA RRset against a presented certificate chain (RFC 6698, 7671; RFC 7672 for
 * SMTP). Pure: no network, the time is a parameter. The semantics follow OpenSSL's DANE
 * verifier, whose test suite ({@code testdata/third-party/dane}) is the acceptance test:
 * <ul>
 * <li>DANE-EE(3) matches the leaf's certificate or key; nothing else is checked, not even
 * expiry, and names only when {@code daneEeNameChecks} (never for SMTP, RFC 7672 3.1.1).</li>
 * <li>DANE-TA(2) designates an issuer (a presented certificate, a full certificate published in
 * the TLSA RRset, or a bare public key); the chain from the leaf up to it must be valid at
 * {@code at} and the leaf must name a reference identifier. The anchor's own validity dates
 * are not checked (the JDK PKIX validator, like RFC 5280, does not check a trust anchor's).</li>
 * <li>PKIX-TA(0)/PKIX-EE(1) (not for SMTP, RFC 7672 3.1.3) constrain an otherwise normal
 * PKIX validation against the trust store; a DANE-?? match found higher up wins over them.</li>
 * </ul>
 */
public final class DaneMatcher {

    /** RFC 7671 9: prefer the stronger digest when both are published (OpenSSL's default). */
    public static final List<Integer> STRONGEST_DIGEST_FIRST = List.of(TlsaRecord.SHA2_512, TlsaRecord.SHA2_256);

    private final Set<Integer> usages;
    private final boolean daneEeNameChecks;
    private final List<Integer> digestPreference;
    private final TrustStore pkixTrust;

    private DaneMatcher(Set<Integer> usages, boolean daneEeNameChecks, List<Integer> digestPreference,
            TrustStore pkixTrust) {
        this.usages = Set.copyOf(usages);
        this.daneEeNameChecks = daneEeNameChecks;
        this.digestPreference = List.copyOf(digestPreference);
        this.pkixTrust = pkixTrust;
    }

    /** Port 25 (RFC 7672): only DANE-TA(2) and DANE-EE(3) count; DANE-EE ignores names. */
    public static DaneMatcher smtp() {
        return new DaneMatcher(Set.of(TlsaRecord.DANE_TA, TlsaRecord.DANE_EE), false, STRONGEST_DIGEST_FIRST, null);
    }

    /** General DANE (RFC 6698/7671): all four usages, PKIX-TA/EE validated against {@code pkixTrust}. */
    public static DaneMatcher general(TrustStore pkixTrust, boolean daneEeNameChecks, List<Integer> digestPreference) {
        return new DaneMatcher(Set.of(TlsaRecord.PKIX_TA, TlsaRecord.PKIX_EE, TlsaRecord.DANE_TA, TlsaRecord.DANE_EE),
                daneEeNameChecks, digestPreference, Objects.requireNonNull(pkixTrust));
    }

    /**
     * @param tlsa           the TLSA RRset of {@code _25._tcp.<mx>} (DNSSEC is the caller's concern)
     * @param chain          the certificates the server presented, leaf first
     * @param referenceNames RFC 7672 3.2.2: the TLSA base domain (MX host after CNAMEs), the MX
     *                       host as first given, optionally the next-hop domain
     * @param at             the time certificate validity is judged at
     */
    public DaneVerdict verify(Collection<TlsaRecord> tlsa, List<X509Certificate> chain,
            Collection<String> referenceNames, Instant at) {
        UsableTlsa usable = UsableTlsa.select(tlsa, usages, digestPreference);
        if (usable.isEmpty()) {
            return DaneVerdict.of(DaneOutcome.NO_USABLE_RECORDS, -1, null,
                    usable.unusable().isEmpty() ? "no TLSA records" : String.join("; ", usable.unusable()));
        }
        if (chain.isEmpty()) {
            return DaneVerdict.of(DaneOutcome.NO_CERTIFICATE, -1, null, "no certificate presented");
        }
        X509Certificate leaf = chain.getFirst();
        for (TlsaRecord r : usable.withUsage(TlsaRecord.DANE_EE)) {
            if (TlsaMatching.matches(r, leaf)) {
                if (daneEeNameChecks && !HostnameMatcher.matches(leaf, referenceNames)) {
                    return nameMismatch(0, r, leaf);
                }
                return DaneVerdict.of(DaneOutcome.VERIFIED, 0, r, "DANE-EE match");
            }
        }
        Match pkix = firstMatch(usable.withUsage(TlsaRecord.PKIX_EE), leaf, 0);

        // Walk up from the leaf; at each step a DANE-TA match ends the search.
        List<X509Certificate> presented = chain.subList(1, chain.size());
        List<X509Certificate> path = new ArrayList<>(List.of(leaf));
        while (path.size() < Chains.MAX_LENGTH) {
            X509Certificate current = path.getLast();
            int depth = path.size();
            List<X509Certificate> issuers = Chains.selfSigned(current) ? List.of()
                    : Chains.issuers(current, path, presented, usable.dnsCertificates());
            for (X509Certificate issuer : issuers) {
                Match ta = firstMatch(usable.withUsage(TlsaRecord.DANE_TA), issuer, depth);
                if (ta != null) {
                    return daneTa(path, new TrustAnchor(issuer, null), ta, leaf, referenceNames, at);
                }
            }
            if (issuers.isEmpty()) {
                // OpenSSL tries bare keys where the chain ends: the key signs the top certificate.
                for (UsableTlsa.BareKey bare : usable.bareKeys()) {
                    if (Chains.signedBy(current, bare.key())) {
                        TrustAnchor anchor = new TrustAnchor(current.getIssuerX500Principal(), bare.key(), null);
                        return daneTa(path.subList(0, depth), anchor, new Match(depth - 1, bare.record()),
                                leaf, referenceNames, at);
                    }
                }
                break;
            }
            X509Certificate next = issuers.getFirst();
            if (pkix == null) {
                pkix = firstMatch(usable.withUsage(TlsaRecord.PKIX_TA), next, depth);
            }
            path.add(next);
        }
        if (pkixTrust == null) {
            return DaneVerdict.of(DaneOutcome.NO_MATCH, -1, null, "no TLSA record matches the chain");
        }
        return pkixConstrained(path, pkix, usable, leaf, referenceNames, at);
    }

    /**
     * As {@link #verify}, from the DER certificates as they came off the wire. A leaf the JDK
     * cannot parse can still match DANE-EE(3) by its bytes; unparseable issuers are left out.
     */
    public DaneVerdict verifyEncoded(Collection<TlsaRecord> tlsa, List<byte[]> chainDer,
            Collection<String> referenceNames, Instant at) {
        List<X509Certificate> parsed = new ArrayList<>();
        String leafError = null;
        for (int i = 0; i < chainDer.size(); i++) {
            try {
                parsed.add(PemCertificates.decode(chainDer.get(i)));
            } catch (IllegalArgumentException e) {
                if (i == 0) {
                    leafError = e.getMessage();
                }
            }
        }
        if (leafError == null || chainDer.isEmpty()) {
            return verify(tlsa, parsed, referenceNames, at);
        }
        UsableTlsa usable = UsableTlsa.select(tlsa, usages, digestPreference);
        if (usable.isEmpty()) {
            return verify(tlsa, List.of(), referenceNames, at);
        }
        for (TlsaRecord r : usable.withUsage(TlsaRecord.DANE_EE)) {
            if (TlsaMatching.matchesDer(r, chainDer.getFirst())) {
                return daneEeNameChecks
                        ? DaneVerdict.of(DaneOutcome.NAME_MISMATCH, 0, r, "names unreadable: " + leafError)
                        : DaneVerdict.of(DaneOutcome.VERIFIED, 0, r, "DANE-EE match on the raw certificate");
            }
        }
        return DaneVerdict.of(DaneOutcome.NO_MATCH, -1, null, "no DANE-EE match, and the leaf is unusable: " + leafError);
    }

    private DaneVerdict pkixConstrained(List<X509Certificate> path, Match pkix, UsableTlsa usable,
            X509Certificate leaf, Collection<String> referenceNames, Instant at) {
        if (pkix == null) {
            // A PKIX-TA record may designate the trust-store anchor that completes the chain.
            X509Certificate top = path.getLast();
            X509Certificate anchor = pkixTrust.sameAs(top).isPresent() ? null : pkixTrust.issuerOf(top).orElse(null);
            if (anchor != null) {
                pkix = firstMatch(usable.withUsage(TlsaRecord.PKIX_TA), anchor, path.size());
            }
        }
        if (pkix == null) {
            return DaneVerdict.of(DaneOutcome.NO_MATCH, -1, null, "no TLSA record matches the chain");
        }
        PathValidation.Result result = PathValidation.toTrustStore(path, pkixTrust, at);
        if (!result.valid()) {
            return DaneVerdict.of(DaneOutcome.PKIX_UNTRUSTED, pkix.depth(), pkix.record(), result.error());
        }
        if (pkix.depth() > result.anchorDepth()) {
            return DaneVerdict.of(DaneOutcome.PKIX_UNTRUSTED, pkix.depth(), pkix.record(),
                    "the PKIX-TA certificate is above the trust anchor of the validated path");
        }
        if (!HostnameMatcher.matches(leaf, referenceNames)) {
            return nameMismatch(pkix.depth(), pkix.record(), leaf);
        }
        return DaneVerdict.of(DaneOutcome.VERIFIED, pkix.depth(), pkix.record(), "PKIX match, valid to the trust store");
    }

    private static DaneVerdict daneTa(List<X509Certificate> below, TrustAnchor anchor, Match ta,
            X509Certificate leaf, Collection<String> referenceNames, Instant at) {
        String error = PathValidation.check(below, anchor, at);
        if (error != null) {
            return DaneVerdict.of(DaneOutcome.CHAIN_INVALID, ta.depth(), ta.record(), error);
        }
        if (!HostnameMatcher.matches(leaf, referenceNames)) {
            return nameMismatch(ta.depth(), ta.record(), leaf);
        }
        return DaneVerdict.of(DaneOutcome.VERIFIED, ta.depth(), ta.record(), "DANE-TA match at depth " + ta.depth());
    }

    private static DaneVerdict nameMismatch(int depth, TlsaRecord record, X509Certificate leaf) {
        return DaneVerdict.of(DaneOutcome.NAME_MISMATCH, depth, record,
                "certificate names " + HostnameMatcher.presentedNames(leaf));
    }

    private static Match firstMatch(List<TlsaRecord> records, X509Certificate cert, int depth) {
        for (TlsaRecord r : records) {
            if (TlsaMatching.matches(r, cert)) {
                return new Match(depth, r);
            }
        }
        return null;
    }

    private record Match(int depth, TlsaRecord record) {}
}
