package io.mailcensus.worker.dns.checks;

import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.SpfCheck;
import io.mailcensus.worker.dns.DnsAnswer;
import io.mailcensus.worker.dns.records.SpfRecord;
import java.util.List;

/**
 * {@code TXT <d>}: the records that start with the v=spf1 version token. More than one is a
 * permerror (RFC 7208 4.5), reported as invalid without reading any of them.
 */
public final class SpfCheckReader {

    static final String MULTIPLE = "more than one v=spf1 record (RFC 7208 4.5)";

    private SpfCheckReader() {}

    public static SpfCheck read(DnsAnswer txt) {
        SpfCheck.Builder check = SpfCheck.newBuilder();
        if (txt.isError()) {
            return check.setStatus(CheckStatus.error).build();
        }
        List<String> records = TxtTexts.matching(txt, SpfRecord::isSpf);
        check.setRecords(records);
        if (records.isEmpty()) {
            return check.setStatus(CheckStatus.absent).build();
        }
        if (records.size() > 1) {
            return check.setStatus(CheckStatus.invalid).setMultiple(true).setPermerror(MULTIPLE).build();
        }
        SpfRecord spf = SpfRecord.parse(records.getFirst());
        return check.setStatus(CheckStatus.present)
                .setAll(spf.all())
                .setRedirect(spf.redirect())
                .setNoMail(spf.noMail())
                .build();
    }
}
