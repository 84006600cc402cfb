package io.mailcensus.worker.dns.checks;

import io.mailcensus.schemas.BimiCheck;
import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.worker.dns.client.DnsAnswer;
import io.mailcensus.worker.dns.records.BimiRecord;
import java.util.List;

/**
 * {@code TXT default._bimi.<d>}: one valid v=BIMI1 record; logo = l=, evidence = a= (a
 * VMC/CMC: "with certificate"). Every v=BIMI1 text goes to {@code records}; with several, the
 * check is invalid and {@code record} holds the first (sorted).
 */
public final class BimiCheckReader {

    private BimiCheckReader() {}

    public static BimiCheck read(DnsAnswer txt) {
        BimiCheck.Builder check = BimiCheck.newBuilder();
        if (txt.isError()) {
            return check.setStatus(CheckStatus.error).build();
        }
        List<String> records = TxtTexts.matching(txt, BimiRecord::isCandidate);
        if (records.isEmpty()) {
            return check.setStatus(CheckStatus.absent).build();
        }
        check.setRecord(records.getFirst()).setRecords(records);
        if (records.size() > 1) {
            return check.setStatus(CheckStatus.invalid)
                    .setInvalidReason(records.size() + " BIMI records (only one may be published)")
                    .build();
        }
        BimiRecord bimi = BimiRecord.parse(records.getFirst());
        return check.setStatus(bimi.valid() ? CheckStatus.present : CheckStatus.invalid)
                .setLogo(bimi.logo())
                .setEvidence(bimi.evidence())
                .setInvalidReason(bimi.invalidReason())
                .build();
    }
}
