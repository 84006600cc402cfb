package io.mailcensus.worker.mailserver;

import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.DnssecStatus;
import io.mailcensus.worker.tls.TlsaRecord;
import java.util.List;

/**
 * The TLSA RRset of {@code _25._tcp.<mx host>} and the DNSSEC status of that answer.
 *
 * @param status present / absent (NXDOMAIN or NODATA) / error (unknown: timeout, SERVFAIL)
 * @param records usable or not, as published; the matcher decides what counts
 * @param dnssec secure / insecure / bogus / indeterminate, or not_checked (DNSSEC off, or no records)
 * @param detail what went wrong (status error), or why the answer is bogus or indeterminate
 */
public record TlsaFacts(CheckStatus status, List<TlsaRecord> records, DnssecStatus dnssec, String detail) {

    public TlsaFacts {
        records = List.copyOf(records);
    }

    public static TlsaFacts absent() {
        return new TlsaFacts(CheckStatus.absent, List.of(), DnssecStatus.not_checked, null);
    }

    public static TlsaFacts failed(String detail) {
        return new TlsaFacts(CheckStatus.error, List.of(), DnssecStatus.not_checked, detail);
    }
}
