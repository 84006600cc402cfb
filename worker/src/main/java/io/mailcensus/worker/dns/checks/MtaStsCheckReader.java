package io.mailcensus.worker.dns.checks;

import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.MtaStsCheck;
import io.mailcensus.worker.dns.client.DnsAnswer;
import io.mailcensus.worker.dns.records.MtaStsRecord;
import java.util.List;

/**
 * {@code TXT _mta-sts.<d>}: exactly one valid v=STSv1 record with an id. Several records mean
 * no policy (RFC 8461 3.1), reported as invalid. The policy fetch is a later step.
 */
public final class MtaStsCheckReader {

    private MtaStsCheckReader() {}

    public static MtaStsCheck read(DnsAnswer txt) {
        MtaStsCheck.Builder check = MtaStsCheck.newBuilder();
        if (txt.isError()) {
            return check.setStatus(CheckStatus.error).build();
        }
        List<String> records = TxtTexts.matching(txt, MtaStsRecord::isCandidate);
        check.setRecords(records);
        if (records.isEmpty()) {
            return check.setStatus(CheckStatus.absent).build();
        }
        if (records.size() > 1) {
            return check.setStatus(CheckStatus.invalid)
                    .setInvalidReason(records.size() + " MTA-STS records (RFC 8461 3.1: then no policy applies)")
                    .build();
        }
        MtaStsRecord sts = MtaStsRecord.parse(records.getFirst());
        return check.setStatus(sts.valid() ? CheckStatus.present : CheckStatus.invalid).setId(sts.id())
                .setInvalidReason(sts.invalidReason()).build();
    }
}
