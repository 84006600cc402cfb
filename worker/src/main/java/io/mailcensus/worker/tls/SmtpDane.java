package io.mailcensus.worker.tls;

import io.mailcensus.schemas.DnssecStatus;
import io.mailcensus.schemas.MailServerResult;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * DANE for one SMTP server (RFC 7672): the TLSA RRset of {@code _25._tcp.<mx>} counts only when
 * its answer is DNSSEC-secure. Insecure records are ignored (2.2: DANE does not apply); a bogus
 * or indeterminate answer is a DANE failure (2.1.1: the client must not deliver).
 */
public final class SmtpDane {

    private static final DaneMatcher MATCHER = DaneMatcher.smtp();

    private SmtpDane() {}

    /** Null verdict when DANE does not apply (no records, or an insecure answer). */
    public static DaneVerdict evaluate(DnssecStatus tlsaDnssec, Collection<TlsaRecord> tlsa,
            List<X509Certificate> chain, Collection<String> referenceNames, Instant at) {
        if (tlsa.isEmpty() || tlsaDnssec == DnssecStatus.insecure) {
            return null;
        }
        if (tlsaDnssec == DnssecStatus.bogus || tlsaDnssec == DnssecStatus.indeterminate) {
            return DaneVerdict.of(DaneOutcome.NO_MATCH, -1, null, "TLSA answer is DNSSEC " + tlsaDnssec);
        }
        // secure, or not_checked when the deployment validates elsewhere: match on the records as given.
        return MATCHER.verify(tlsa, chain, referenceNames, at);
    }

    /** Fills tlsa (presentation form), tlsa_dnssec and dane_valid; tlsa_status is the DNS lookup's. */
    public static void applyTo(MailServerResult.Builder result, DnssecStatus tlsaDnssec,
            Collection<TlsaRecord> tlsa, DaneVerdict verdict) {
        result.setTlsa(tlsa.stream().map(TlsaRecord::presentation).toList());
        result.setTlsaDnssec(tlsaDnssec);
        result.setDaneValid(verdict == null ? null : verdict.daneValid());
    }
}
