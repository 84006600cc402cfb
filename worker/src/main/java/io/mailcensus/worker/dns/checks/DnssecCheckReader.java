package io.mailcensus.worker.dns.checks;

import io.mailcensus.schemas.DnssecCheck;
import io.mailcensus.worker.dns.DnsAnswer;
import java.util.List;
import org.xbill.DNS.DSRecord;

/** {@code DS <d>}, answered from the parent zone: signed = a DS exists. Validation comes later. */
public final class DnssecCheckReader {

    private DnssecCheckReader() {}

    public static DnssecCheck read(DnsAnswer ds) {
        List<String> raw = ds.records(DSRecord.class).stream().map(DSRecord::rdataToString).sorted().toList();
        return DnssecCheck.newBuilder().setSigned(ds.presence()).setDs(raw).build();
    }
}
