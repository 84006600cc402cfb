package io.mailcensus.worker.dns.checks;

import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.DmarcCheck;
import io.mailcensus.worker.dns.DnsAnswer;
import io.mailcensus.worker.dns.records.DmarcRecord;
import java.util.List;

/**
 * {@code TXT _dmarc.<d>}: present when exactly one valid v=DMARC1 record; invalid when it does
 * not parse or when there are several (RFC 7489 6.6.3: then none applies).
 */
public final class DmarcCheckReader {

    private DmarcCheckReader() {}

    public static DmarcCheck read(DnsAnswer txt) {
        DmarcCheck.Builder check = DmarcCheck.newBuilder();
        if (txt.isError()) {
            return check.setStatus(CheckStatus.error).build();
        }
        List<String> records = TxtTexts.matching(txt, DmarcRecord::isCandidate);
        check.setRecords(records);
        if (records.isEmpty()) {
            return check.setStatus(CheckStatus.absent).build();
        }
        if (records.size() > 1) {
            return check.setStatus(CheckStatus.invalid)
                    .setInvalidReason(records.size() + " DMARC records (RFC 7489 6.6.3: none applies)")
                    .build();
        }
        DmarcRecord dmarc = DmarcRecord.parse(records.getFirst());
        return check.setStatus(dmarc.valid() ? CheckStatus.present : CheckStatus.invalid)
                .setInvalidReason(dmarc.invalidReason())
                .setP(dmarc.p())
                .setSp(dmarc.sp())
                .setNp(dmarc.np())
                .setPct(dmarc.pct())
                .setRua(dmarc.rua())
                .setRuf(dmarc.ruf())
                .setAdkim(dmarc.adkim())
                .setAspf(dmarc.aspf())
                .setFo(dmarc.fo())
                .setT(dmarc.t())
                .build();
    }
}
