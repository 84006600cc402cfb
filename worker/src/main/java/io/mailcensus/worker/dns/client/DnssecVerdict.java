package io.mailcensus.worker.dns.client;

import io.mailcensus.schemas.DnssecStatus;
import io.mailcensus.worker.dns.dnssec.DnssecMode;
import io.mailcensus.worker.dns.dnssec.VerdictAnswer;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Rcode;

/**
 * Turns the verdict query's answer into secure / insecure / bogus / indeterminate. Pure.
 *
 * <p>A validator reports bogus data as SERVFAIL, and so does a dead or lame server. The two are
 * told apart by a witness: a query to the same domain sent with the CD bit (the NS check). Only
 * when the witness got an answer is a SERVFAIL bogus; when the witness failed too, nothing could
 * be validated, which is indeterminate (the domain's own error is recorded by its checks).
 *
 * @param status the verdict
 * @param reason why, for bogus and indeterminate (the EDE text of the validator or resolver)
 */
public record DnssecVerdict(DnssecStatus status, String reason) {

    public static final DnssecVerdict NOT_CHECKED = new DnssecVerdict(DnssecStatus.not_checked, null);

    public static DnssecVerdict noTrustAnchorAbove(String domain) {
        return new DnssecVerdict(DnssecStatus.indeterminate, "no trust anchor at or above " + domain);
    }

    /**
     * @param answer the verdict query's answer (validated by mailcensus, or the resolver's AD bit)
     * @param witness a query for the same domain sent with CD set
     * @param mode VALIDATE or TRUST_AD
     */
    public static DnssecVerdict of(VerdictAnswer answer, DnsAnswer witness, DnssecMode mode) {
        if (mode == DnssecMode.OFF) {
            return NOT_CHECKED;
        }
        if (answer.failure() != null) {
            return indeterminate("verdict query failed: " + answer.failure().getKind()
                    + (answer.failure().getDetail() == null ? "" : " (" + answer.failure().getDetail() + ")"));
        }
        int rcode = answer.rcode();
        if (rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN) {
            return new DnssecVerdict(answer.authenticated() ? DnssecStatus.secure : DnssecStatus.insecure, null);
        }
        if (rcode != Rcode.SERVFAIL) {
            return indeterminate("verdict query answered " + Rcode.string(rcode));
        }
        if (witness.isError()) {
            return indeterminate("no answer to validate: " + witness.error().getKind()
                    + " without DNSSEC checking as well");
        }
        if (answer.edeCode() == ExtendedErrorCodeOption.DNSSEC_INDETERMINATE) {
            return indeterminate(ede(answer));
        }
        if (isDnssecFailure(answer.edeCode())) {
            return new DnssecVerdict(DnssecStatus.bogus, ede(answer));
        }
        if (mode == DnssecMode.TRUST_AD) {
            // A resolver without EDE support says no more than this; the CD witness makes it bogus.
            return new DnssecVerdict(DnssecStatus.bogus, answer.edeCode() < 0
                    ? "SERVFAIL from the validating resolver, an answer with CD set"
                    : ede(answer));
        }
        return indeterminate("SERVFAIL" + (answer.edeCode() < 0 ? "" : ", " + ede(answer)));
    }

    /** The EDE info-codes of RFC 8914 that name a DNSSEC failure (1-12 without 3, 4 and 5; and 25). */
    static boolean isDnssecFailure(int edeCode) {
        return switch (edeCode) {
            case ExtendedErrorCodeOption.UNSUPPORTED_DNSKEY_ALGORITHM,
                    ExtendedErrorCodeOption.UNSUPPORTED_DS_DIGEST_TYPE,
                    ExtendedErrorCodeOption.DNSSEC_BOGUS,
                    ExtendedErrorCodeOption.SIGNATURE_EXPIRED,
                    ExtendedErrorCodeOption.SIGNATURE_NOT_YET_VALID,
                    ExtendedErrorCodeOption.DNSKEY_MISSING,
                    ExtendedErrorCodeOption.RRSIGS_MISSING,
                    ExtendedErrorCodeOption.NO_ZONE_KEY_BIT_SET,
                    ExtendedErrorCodeOption.NSEC_MISSING,
                    ExtendedErrorCodeOption.SIGNATURE_EXPIRED_BEFORE_VALID -> true;
            default -> false;
        };
    }

    private static String ede(VerdictAnswer answer) {
        String text = "EDE " + answer.edeCode() + " " + ExtendedErrorCodeOption.text(answer.edeCode());
        return answer.edeText().isBlank() ? text : text + ": " + answer.edeText();
    }

    private static DnssecVerdict indeterminate(String reason) {
        return new DnssecVerdict(DnssecStatus.indeterminate, reason);
    }
}
