package io.mailcensus.worker.dns.checks;

import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.DmarcCheck;
import io.mailcensus.worker.dns.client.DnsAnswer;
import io.mailcensus.worker.dns.records.DmarcDestinations;
import io.mailcensus.worker.dns.records.DmarcRecord;
import java.util.List;
import java.util.Map;

/**
 * {@code TXT _dmarc.<d>}: present when exactly one valid v=DMARC1 record; invalid when it does
 * not parse or when there are several (RFC 7489 6.6.3: then none applies). External rua
 * destinations are checked for their authorisation record (RFC 7489 7.1, see
 * {@link DmarcDestinations}).
 */
public final class DmarcCheckReader {

    private DmarcCheckReader() {}

    /** The record alone: external destinations stay unchecked (rua_external_authorized null). */
    public static DmarcCheck read(DnsAnswer txt) {
        return read(txt, null, Map.of());
    }

    /**
     * The external rua destination domains to ask about, for the policy domain; empty unless
     * exactly one valid record names some.
     */
    public static List<String> externalDestinations(String policyDomain, DnsAnswer txt) {
        List<String> records = txt.isError() ? List.of() : TxtTexts.matching(txt, DmarcRecord::isCandidate);
        if (records.size() != 1) {
            return List.of();
        }
        DmarcRecord dmarc = DmarcRecord.parse(records.getFirst());
        return dmarc.valid() ? DmarcDestinations.external(policyDomain, dmarc.rua()) : List.of();
    }

    /**
     * @param authorisations {@code TXT <policy-domain>._report._dmarc.<destination>} by destination
     *     domain, for every domain {@link #externalDestinations} named
     */
    public static DmarcCheck read(DnsAnswer txt, String policyDomain, Map<String, DnsAnswer> authorisations) {
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
                .setRuaExternalAuthorized(policyDomain == null ? null
                        : authorised(DmarcDestinations.external(policyDomain, dmarc.rua()), authorisations))
                .build();
    }

    /**
     * True when every external destination published a v=DMARC1 record for us, false when one
     * did not (NXDOMAIN, NODATA or other TXT only), null when there is none or an answer is
     * missing or failed and no refusal was seen.
     */
    static Boolean authorised(List<String> destinations, Map<String, DnsAnswer> authorisations) {
        if (destinations.isEmpty()) {
            return null;
        }
        boolean unknown = false;
        for (String destination : destinations) {
            DnsAnswer answer = authorisations.get(destination);
            if (answer == null || answer.isError()) {
                unknown = true;
            } else if (TxtTexts.matching(answer, DmarcRecord::isCandidate).isEmpty()) {
                return false;
            }
        }
        return unknown ? null : true;
    }
}
