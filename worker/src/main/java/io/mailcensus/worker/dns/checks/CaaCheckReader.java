package io.mailcensus.worker.dns.checks;

import io.mailcensus.schemas.CaaCheck;
import io.mailcensus.worker.dns.client.DnsAnswer;
import io.mailcensus.worker.dns.records.CaaPolicy;
import java.util.List;
import org.xbill.DNS.CAARecord;

/**
 * {@code CAA <d>}: raw records plus the parsed issue / issuewild / iodef properties, unknown
 * critical tags and the first syntax problem. Status stays present/absent/error: a malformed
 * value is reported in invalid_reason without hiding the records that do parse.
 */
public final class CaaCheckReader {

    private CaaCheckReader() {}

    public static CaaCheck read(DnsAnswer caa) {
        List<CAARecord> records = caa.records(CAARecord.class);
        CaaPolicy policy = CaaPolicy.of(records.stream()
                .map(r -> new CaaPolicy.Entry(r.getFlags(), r.getTag(), r.getValue()))
                .toList());
        return CaaCheck.newBuilder()
                .setStatus(caa.presence())
                .setRecords(records.stream().map(CAARecord::rdataToString).sorted().toList())
                .setIssue(policy.issue())
                .setIssuewild(policy.issuewild())
                .setIodef(policy.iodef())
                .setUnknownCritical(policy.unknownCritical())
                .setInvalidReason(policy.invalidReason())
                .build();
    }
}
