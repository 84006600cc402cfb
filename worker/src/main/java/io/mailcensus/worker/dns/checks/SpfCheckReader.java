package io.mailcensus.worker.dns.checks;

import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.SpfCheck;
import io.mailcensus.worker.dns.client.DnsAnswer;
import io.mailcensus.worker.dns.records.SpfRecord;
import io.mailcensus.worker.spf.SpfFacts;
import io.mailcensus.worker.spf.SpfPolicy;
import io.mailcensus.worker.spf.SpfSyntaxException;
import java.util.List;

/**
 * {@code TXT <d>}: the records that start with the v=spf1 version token. More than one is a
 * permerror (RFC 7208 4.5), reported as invalid without reading any of them; a record the
 * RFC 7208 grammar rejects is invalid too. The evaluated facts (term count, void lookups,
 * probe result) come from {@link io.mailcensus.worker.spf.SpfInspector}.
 */
public final class SpfCheckReader {

    static final String MULTIPLE = "more than one v=spf1 record (RFC 7208 4.5)";

    private SpfCheckReader() {}

    /** The record facts alone, without evaluation. */
    public static SpfCheck read(DnsAnswer txt) {
        return read(txt, null);
    }

    /** @param facts the evaluated facts, or null when they were not computed (e.g. the TXT query failed) */
    public static SpfCheck read(DnsAnswer txt, SpfFacts facts) {
        SpfCheck.Builder check = SpfCheck.newBuilder();
        if (txt.isError()) {
            return check.setStatus(CheckStatus.error).build();
        }
        List<String> records = TxtTexts.matching(txt, SpfRecord::isSpf);
        check.setRecords(records);
        if (records.isEmpty()) {
            return check.setStatus(CheckStatus.absent).build();
        }
        if (facts != null) {
            check.setDnsTerms(facts.dnsTerms())
                    .setVoidLookups(facts.voidLookups())
                    .setEvalResult(facts.probe().result().text())
                    .setPermerror(facts.permerror());
        }
        if (records.size() > 1) {
            return check.setStatus(CheckStatus.invalid).setMultiple(true).setPermerror(MULTIPLE).build();
        }
        SpfRecord spf = SpfRecord.parse(records.getFirst());
        check.setAll(spf.all())
                .setRedirect(spf.redirect())
                .setNoMail(spf.noMail());
        try {
            SpfPolicy.parse(records.getFirst());
            check.setStatus(CheckStatus.present);
        } catch (SpfSyntaxException e) {
            check.setStatus(CheckStatus.invalid);
            if (check.getPermerror() == null) {
                check.setPermerror("syntax error: " + e.getMessage());
            }
        }
        return check.build();
    }
}
