package io.mailcensus.worker.tls;

/**
 * The result of {@link DaneMatcher#verify}. {@code matchDepth} is the chain depth of the
 * certificate or key the matching record designates (0 = leaf; one past the presented chain for
 * a trust anchor taken from DNS or the trust store), -1 when nothing matched; like OpenSSL's
 * SSL_get0_dane_authority it is kept when a later check fails. {@code matched} is null then.
 */
public record DaneVerdict(DaneOutcome outcome, int matchDepth, TlsaRecord matched, String detail) {

    public boolean verified() {
        return outcome == DaneOutcome.VERIFIED;
    }

    /** MailServerResult.dane_valid: null when DANE does not apply (no usable record). */
    public Boolean daneValid() {
        return outcome == DaneOutcome.NO_USABLE_RECORDS ? null : verified();
    }

    static DaneVerdict of(DaneOutcome outcome, int depth, TlsaRecord matched, String detail) {
        return new DaneVerdict(outcome, depth, matched, detail);
    }
}
