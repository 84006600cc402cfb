package io.mailcensus.worker.dns.client;

import io.mailcensus.schemas.ErrorKind;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Classifies a resolver's response. Pure: the rcode decides first (SERVFAIL and REFUSED arrive as
 * normal responses and must become errors here), then the answer section is read along the CNAME
 * chain that a recursive resolver includes, starting at the asked name.
 */
public final class AnswerReader {

    /** More hops than any sane chain; a loop or a silly chain stops here. */
    static final int MAX_CHAIN = 16;

    private AnswerReader() {}

    public static DnsAnswer read(Query query, Message response) {
        int rcode = response.getRcode();
        if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
            return DnsAnswer.failed(query, kindOf(rcode), "rcode " + Rcode.string(rcode));
        }
        if (response.getHeader().getFlag(Flags.TC)) {
            // dnsjava retries truncated UDP answers over TCP; one still truncated is incomplete.
            return DnsAnswer.failed(query, ErrorKind.truncated, "TC bit set");
        }
        List<Record> answer = response.getSection(Section.ANSWER);
        List<Name> aliases = new ArrayList<>();
        Name current = query.name();
        for (int hop = 0; ; hop++) {
            List<Record> found = recordsAt(answer, current, query.type());
            if (!found.isEmpty()) {
                if (rcode == Rcode.NXDOMAIN) {
                    return DnsAnswer.failed(query, ErrorKind.other, "NXDOMAIN with answer records");
                }
                return new DnsAnswer(query, DnsAnswer.Outcome.ANSWER, found, aliases, null);
            }
            Name next = query.type() == Type.CNAME ? null : cnameTarget(answer, current);
            if (next == null || next.equals(query.name()) || aliases.contains(next)) {
                break; // the end of the chain, or a loop: the name has no such record
            }
            // Unknown is not absent: a chain we stop following has an answer we did not read, so
            // it is an error with its reason, never "no record".
            if (hop == MAX_CHAIN) {
                return DnsAnswer.failed(query, ErrorKind.other, "CNAME chain longer than " + MAX_CHAIN + " hops");
            }
            aliases.add(next);
            current = next;
        }
        DnsAnswer.Outcome outcome =
                rcode == Rcode.NXDOMAIN ? DnsAnswer.Outcome.NXDOMAIN : DnsAnswer.Outcome.NODATA;
        return new DnsAnswer(query, outcome, List.of(), aliases, null);
    }

    static ErrorKind kindOf(int rcode) {
        return switch (rcode) {
            case Rcode.SERVFAIL -> ErrorKind.servfail;
            case Rcode.REFUSED -> ErrorKind.refused;
            case Rcode.FORMERR -> ErrorKind.formerr;
            case Rcode.NOTIMP -> ErrorKind.notimp;
            default -> ErrorKind.other;
        };
    }

    private static List<Record> recordsAt(List<Record> answer, Name name, int type) {
        return answer.stream()
                .filter(r -> r.getType() == type && r.getDClass() == DClass.IN && r.getName().equals(name))
                .toList();
    }

    private static Name cnameTarget(List<Record> answer, Name name) {
        for (Record r : answer) {
            if (r instanceof CNAMERecord cname && r.getName().equals(name)) {
                return cname.getTarget();
            }
        }
        return null;
    }
}
