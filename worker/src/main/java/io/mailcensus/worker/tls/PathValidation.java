package io.mailcensus.worker.tls;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * RFC 5280 path validation with the JDK's PKIX CertPathValidator, at a given instant and with
 * revocation checking off (a census must not fetch CRLs/OCSP for every server it meets).
 */
final class PathValidation {

    /** Outcome of validating a path; {@code anchorDepth} is the chain depth the anchor occupies. */
    record Result(String error, int anchorDepth) {
        boolean valid() {
            return error == null;
        }
    }

    private PathValidation() {}

    /**
     * Validates {@code path} (leaf first, issuer order) against the trust store: the first
     * certificate that is an anchor, or is signed by one, ends the path.
     */
    static Result toTrustStore(List<X509Certificate> path, TrustStore trust, Instant at) {
        for (int k = 0; k < path.size(); k++) {
            X509Certificate cert = path.get(k);
            Optional<X509Certificate> same = trust.sameAs(cert);
            if (same.isPresent()) {
                return new Result(check(path.subList(0, k), new TrustAnchor(same.get(), null), at), k);
            }
            Optional<X509Certificate> issuer = trust.issuerOf(cert);
            if (issuer.isPresent()) {
                return new Result(check(path.subList(0, k + 1), new TrustAnchor(issuer.get(), null), at), k + 1);
            }
        }
        X509Certificate top = path.getLast();
        String error = Chains.selfSigned(top)
                ? "self-signed certificate not in the trust store: " + top.getSubjectX500Principal().getName()
                : "no trusted issuer for " + top.getIssuerX500Principal().getName()
                        + (path.size() == 1 ? " (missing intermediate certificate?)" : "");
        return new Result(error, -1);
    }

    /** Null when {@code certs} (leaf first, ending just below the anchor) is valid at {@code at}. */
    static String check(List<X509Certificate> certs, TrustAnchor anchor, Instant at) {
        if (certs.isEmpty()) {
            return null;
        }
        try {
            PKIXParameters params = new PKIXParameters(Set.of(anchor));
            params.setRevocationEnabled(false);
            params.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(certs), params);
            return null;
        } catch (CertPathValidatorException e) {
            return describe(e);
        } catch (InvalidAlgorithmParameterException e) {
            return "invalid validation parameters: " + e.getMessage();
        } catch (GeneralSecurityException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static String describe(CertPathValidatorException e) {
        StringBuilder text = new StringBuilder();
        if (e.getReason() != null && e.getReason() != CertPathValidatorException.BasicReason.UNSPECIFIED) {
            text.append(e.getReason().toString().toLowerCase(Locale.ROOT).replace('_', ' ')).append(": ");
        }
        text.append(e.getMessage());
        if (e.getCause() != null && e.getCause().getMessage() != null
                && !e.getMessage().contains(e.getCause().getMessage())) {
            text.append(" (").append(e.getCause().getMessage()).append(')');
        }
        if (e.getIndex() >= 0) {
            text.append(" at depth ").append(e.getIndex());
        }
        return text.toString();
    }
}
