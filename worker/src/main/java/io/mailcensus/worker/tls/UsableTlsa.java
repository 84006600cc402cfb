package io.mailcensus.worker.tls;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The usable subset of a TLSA RRset (RFC 7671 4.1, 9): known usage, selector and matching
 * type; digests of the right length; full data that parses; and, per (usage, selector), only
 * the most preferred digest algorithm present (digest algorithm agility), plus Full(0) records.
 */
record UsableTlsa(List<TlsaRecord> records, List<X509Certificate> dnsCertificates, List<BareKey> bareKeys,
        List<String> unusable) {

    /** A DANE-TA(2) SPKI(1) Full(0) record: a trust anchor that is only a public key. */
    record BareKey(TlsaRecord record, PublicKey key) {}

    static UsableTlsa select(Collection<TlsaRecord> all, Set<Integer> usages, List<Integer> digestPreference) {
        List<TlsaRecord> wellFormed = new ArrayList<>();
        List<X509Certificate> certificates = new ArrayList<>();
        List<BareKey> bareKeys = new ArrayList<>();
        List<String> unusable = new ArrayList<>();
        for (TlsaRecord r : all) {
            String why = unusableBecause(r, usages, digestPreference);
            if (why != null) {
                unusable.add(r.presentation() + ": " + why);
                continue;
            }
            boolean anchorUsage = r.usage() == TlsaRecord.DANE_TA || r.usage() == TlsaRecord.PKIX_TA;
            // A full certificate or key is parsed only where it serves as a trust anchor; for
            // end-entity usages the bytes are compared as they are.
            if (anchorUsage && r.matchingType() == TlsaRecord.FULL && r.selector() == TlsaRecord.SELECTOR_CERT) {
                X509Certificate cert;
                try {
                    cert = PemCertificates.decode(r.data());
                } catch (IllegalArgumentException e) {
                    unusable.add(r.presentation() + ": full certificate does not parse");
                    continue;
                }
                // Trust-anchor certificates published in DNS may complete the chain (RFC 7671 5.2.2).
                if (!certificates.contains(cert)) {
                    certificates.add(cert);
                }
            }
            if (r.usage() == TlsaRecord.DANE_TA && r.matchingType() == TlsaRecord.FULL
                    && r.selector() == TlsaRecord.SELECTOR_SPKI) {
                PublicKey key = publicKey(r.data());
                if (key == null) {
                    unusable.add(r.presentation() + ": full public key does not parse");
                    continue;
                }
                bareKeys.add(new BareKey(r, key));
            }
            wellFormed.add(r);
        }
        List<TlsaRecord> usable = new ArrayList<>();
        for (TlsaRecord r : wellFormed) {
            if (r.matchingType() == TlsaRecord.FULL || r.matchingType() == preferredDigest(wellFormed, r, digestPreference)) {
                usable.add(r);
            } else {
                unusable.add(r.presentation() + ": a preferred digest algorithm is published (RFC 7671 9)");
            }
        }
        return new UsableTlsa(List.copyOf(usable), List.copyOf(certificates), List.copyOf(bareKeys), List.copyOf(unusable));
    }

    List<TlsaRecord> withUsage(int usage) {
        return records.stream().filter(r -> r.usage() == usage).toList();
    }

    boolean isEmpty() {
        return records.isEmpty();
    }

    private static String unusableBecause(TlsaRecord r, Set<Integer> usages, List<Integer> digestPreference) {
        if (r.usage() > TlsaRecord.DANE_EE) {
            return "unknown certificate usage";
        }
        if (!usages.contains(r.usage())) {
            return "usage not applicable here (RFC 7672 3.1.3: PKIX-TA/EE are unusable for SMTP)";
        }
        if (r.selector() > TlsaRecord.SELECTOR_SPKI) {
            return "unknown selector";
        }
        if (r.matchingType() != TlsaRecord.FULL && !digestPreference.contains(r.matchingType())) {
            return "unsupported matching type";
        }
        int length = r.data().length;
        if (r.matchingType() == TlsaRecord.SHA2_256 && length != 32
                || r.matchingType() == TlsaRecord.SHA2_512 && length != 64) {
            return "digest of the wrong length (" + length + " octets)";
        }
        if (r.matchingType() == TlsaRecord.FULL && length == 0) {
            return "empty association data";
        }
        return null;
    }

    /** The most preferred digest matching type published for the record's usage and selector. */
    private static int preferredDigest(List<TlsaRecord> records, TlsaRecord of, List<Integer> digestPreference) {
        for (int mtype : digestPreference) {
            for (TlsaRecord r : records) {
                if (r.usage() == of.usage() && r.selector() == of.selector() && r.matchingType() == mtype) {
                    return mtype;
                }
            }
        }
        return -1;
    }

    private static PublicKey publicKey(byte[] spki) {
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS", "DSA")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(spki));
            } catch (Exception e) {
                // try the next algorithm
            }
        }
        return null;
    }
}
