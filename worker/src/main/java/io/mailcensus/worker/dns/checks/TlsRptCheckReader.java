package io.mailcensus.worker.dns.checks;

import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.TlsRptCheck;
import io.mailcensus.worker.dns.client.DnsAnswer;
import io.mailcensus.worker.dns.records.TlsRptRecord;
import java.util.List;

/** {@code TXT _smtp._tls.<d>}: exactly one valid v=TLSRPTv1 record (RFC 8460 3) and its rua URIs. */
public final class TlsRptCheckReader {

    private TlsRptCheckReader() {}

    public static TlsRptCheck read(DnsAnswer txt) {
        TlsRptCheck.Builder check = TlsRptCheck.newBuilder();
        if (txt.isError()) {
            return check.setStatus(CheckStatus.error).build();
        }
        List<String> records = TxtTexts.matching(txt, TlsRptRecord::isCandidate);
        check.setRecords(records);
        if (records.isEmpty()) {
            return check.setStatus(CheckStatus.absent).build();
        }
        if (records.size() > 1) {
            return check.setStatus(CheckStatus.invalid)
                    .setInvalidReason(records.size() + " TLS-RPT records (RFC 8460 3: then none applies)")
                    .build();
        }
        TlsRptRecord rpt = TlsRptRecord.parse(records.getFirst());
        return check.setStatus(rpt.valid() ? CheckStatus.present : CheckStatus.invalid).setRua(rpt.rua())
                .setInvalidReason(rpt.invalidReason()).build();
    }
}
