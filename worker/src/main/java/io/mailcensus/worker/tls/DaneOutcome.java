package io.mailcensus.worker.tls;

/** What DANE authentication of a presented chain came to (OpenSSL's X509_V_ERR in brackets). */
public enum DaneOutcome {
    /** A usable TLSA record matched and every check it requires passed [X509_V_OK]. */
    VERIFIED,
    /** No record is usable (RFC 7671 4.1, RFC 7672 3.1.3): DANE does not apply. */
    NO_USABLE_RECORDS,
    /** Usable records, none of which matches the chain [X509_V_ERR_DANE_NO_MATCH, 65]. */
    NO_MATCH,
    /** A record matched but the certificate does not name the server [X509_V_ERR_HOSTNAME_MISMATCH, 62]. */
    NAME_MISMATCH,
    /** DANE-TA matched, but the chain below the anchor is invalid (signature, expiry, CA flags). */
    CHAIN_INVALID,
    /** PKIX-TA/EE matched, but the chain is not valid to the trust store [e.g. 20, unable to get local issuer]. */
    PKIX_UNTRUSTED,
    /** The server presented no certificate. */
    NO_CERTIFICATE
}
