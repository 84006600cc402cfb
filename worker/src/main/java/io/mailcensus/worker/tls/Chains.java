package io.mailcensus.worker.tls;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Issuer lookups over a pool of certificates; the presented order is not trusted. */
final class Chains {

    /** Longest chain we follow: real chains are 2-4 long; this bounds hostile input. */
    static final int MAX_LENGTH = 12;

    private Chains() {}

    static boolean signedBy(X509Certificate cert, PublicKey key) {
        try {
            cert.verify(key);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    static boolean selfSigned(X509Certificate cert) {
        return cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal())
                && signedBy(cert, cert.getPublicKey());
    }

    /** Certificates of the pools, in order, that issued {@code cert} and are not yet in {@code path}. */
    @SafeVarargs
    static List<X509Certificate> issuers(X509Certificate cert, List<X509Certificate> path,
            Collection<X509Certificate>... pools) {
        List<X509Certificate> found = new ArrayList<>();
        for (Collection<X509Certificate> pool : pools) {
            for (X509Certificate candidate : pool) {
                if (!path.contains(candidate) && !found.contains(candidate)
                        && candidate.getSubjectX500Principal().equals(cert.getIssuerX500Principal())
                        && signedBy(cert, candidate.getPublicKey())) {
                    found.add(candidate);
                }
            }
        }
        return found;
    }

    /** Leaf first, then the issuer of each, from the pool, until a root or a missing issuer. */
    static List<X509Certificate> walk(X509Certificate leaf, Collection<X509Certificate> pool) {
        List<X509Certificate> path = new ArrayList<>(List.of(leaf));
        while (path.size() < MAX_LENGTH && !selfSigned(path.getLast())) {
            List<X509Certificate> next = issuers(path.getLast(), path, pool);
            if (next.isEmpty()) {
                break;
            }
            path.add(next.getFirst());
        }
        return path;
    }
}
