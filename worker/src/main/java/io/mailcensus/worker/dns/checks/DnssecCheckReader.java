package io.mailcensus.worker.dns.checks;

import io.mailcensus.schemas.DnssecCheck;
import io.mailcensus.worker.dns.client.DnsAnswer;
import io.mailcensus.worker.dns.client.DnssecVerdict;
import java.util.List;
import org.xbill.DNS.DSRecord;

/**
 * {@code DS <d>}, answered from the parent zone: signed = a DS exists; plus the validation
 * verdict for the domain ({@link DnssecVerdict}), which is independent of it: a DS that matches
 * no key of the child is signed and bogus, a signed child without DS is insecure.
 */
public final class DnssecCheckReader {

    private DnssecCheckReader() {}

    public static DnssecCheck read(DnsAnswer ds) {
        return read(ds, DnssecVerdict.NOT_CHECKED);
    }

    public static DnssecCheck read(DnsAnswer ds, DnssecVerdict verdict) {
        List<String> raw = ds.records(DSRecord.class).stream().map(DSRecord::rdataToString).sorted().toList();
        return DnssecCheck.newBuilder().setSigned(ds.presence()).setDs(raw)
                .setValidation(verdict.status()).setReason(verdict.reason()).build();
    }
}
