package io.mailcensus.worker.dns.client;

import io.mailcensus.worker.dns.records.TxtText;
import io.mailcensus.worker.spf.SpfDns;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;

/**
 * {@link SpfDns} on the worker's {@link DnsClient}: every SPF query goes through its in-flight
 * cap and retries like any other query of the scan.
 */
public final class DnsClientSpfDns implements SpfDns {

    private final DnsClient dns;

    public DnsClientSpfDns(DnsClient dns) {
        this.dns = dns;
    }

    @Override
    public CompletionStage<Lookup> lookup(String name, Type type) {
        Name qname;
        try {
            qname = Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            // Macro expansion can build names no query can carry (RFC 7208 4.8): nothing there.
            return CompletableFuture.completedFuture(Lookup.NXDOMAIN);
        }
        return dns.query(qname, rrtype(type)).thenApply(answer -> convert(answer, type));
    }

    /** The classified answer as SPF sees it. */
    public static Lookup convert(DnsAnswer answer, Type type) {
        return switch (answer.outcome()) {
            case ERROR -> Lookup.ERROR;
            case NXDOMAIN -> Lookup.NXDOMAIN;
            case NODATA -> Lookup.NODATA;
            case ANSWER -> Lookup.found(values(answer, type));
        };
    }

    private static List<String> values(DnsAnswer answer, Type type) {
        return switch (type) {
            case TXT -> answer.records(TXTRecord.class).stream().map(TxtText::of).toList();
            case A -> answer.records(ARecord.class).stream().map(r -> r.getAddress().getHostAddress()).toList();
            case AAAA -> answer.records(AAAARecord.class).stream().map(r -> r.getAddress().getHostAddress()).toList();
            case MX -> answer.records(MXRecord.class).stream().map(r -> Names.text(r.getTarget())).toList();
            case PTR -> answer.records(PTRRecord.class).stream().map(r -> Names.text(r.getTarget())).toList();
        };
    }

    private static int rrtype(Type type) {
        return switch (type) {
            case TXT -> org.xbill.DNS.Type.TXT;
            case A -> org.xbill.DNS.Type.A;
            case AAAA -> org.xbill.DNS.Type.AAAA;
            case MX -> org.xbill.DNS.Type.MX;
            case PTR -> org.xbill.DNS.Type.PTR;
        };
    }
}
