package io.mailcensus.worker.tls;

import io.mailcensus.schemas.Certificate;
import io.mailcensus.schemas.MailServerResult;
import java.util.List;

/**
 * The PKIX verdicts on one presented chain: {@code pkixValid} (chain to the trust store, valid
 * at the probe time; {@code pkixError} says why not), {@code hostnameMatch} (the leaf names the
 * MX host), {@code expired} (the leaf's notAfter has passed), and the chain as Avro records.
 */
public record CertificateVerdict(boolean pkixValid, String pkixError, boolean hostnameMatch, boolean expired,
        List<Certificate> chain) {

    public CertificateVerdict {
        chain = List.copyOf(chain);
    }

    /** Fills chain, pkix_valid, pkix_error, hostname_match and expired. */
    public void applyTo(MailServerResult.Builder result) {
        result.setChain(chain);
        result.setPkixValid(pkixValid);
        result.setPkixError(pkixError);
        result.setHostnameMatch(hostnameMatch);
        result.setExpired(expired);
    }
}
