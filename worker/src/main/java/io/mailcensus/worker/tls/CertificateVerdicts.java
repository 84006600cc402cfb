package io.mailcensus.worker.tls;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Computes the certificate verdicts of an SMTP server from the chain it presented, instead of
 * inferring them from a failed handshake (the probe accepts any certificate, so it can record
 * and judge it). PKIX: RFC 5280 path validation with the JDK validator, revocation off, to the
 * configured trust store; the presented order is not trusted (issuers are looked up by name and
 * signature), extra certificates are ignored, and the path ends at the first trusted certificate.
 */
public final class CertificateVerdicts {

    private final TrustStore trust;

    public CertificateVerdicts(TrustStore trust) {
        this.trust = Objects.requireNonNull(trust);
    }

    /** @param chain leaf first, as presented; must not be empty */
    public CertificateVerdict evaluate(List<X509Certificate> chain, String mxHost, Instant at) {
        return evaluate(chain, List.of(mxHost), at);
    }

    /**
     * @param referenceNames names the certificate may carry to match: the MX host as given and,
     *                       when it is a CNAME, its target (RFC 7672 3.2.2)
     */
    public CertificateVerdict evaluate(List<X509Certificate> chain, Collection<String> referenceNames, Instant at) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no certificate to judge");
        }
        X509Certificate leaf = chain.getFirst();
        List<X509Certificate> path = Chains.walk(leaf, chain.subList(1, chain.size()));
        PathValidation.Result pkix = PathValidation.toTrustStore(path, trust, at);
        boolean expired = leaf.getNotAfter().toInstant().isBefore(at);
        boolean nameMatch = HostnameMatcher.matches(leaf, referenceNames);
        return new CertificateVerdict(pkix.valid(), pkix.error(), nameMatch, expired, CertificateRecords.of(chain));
    }
}
