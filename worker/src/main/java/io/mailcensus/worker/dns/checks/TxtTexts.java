package io.mailcensus.worker.dns.checks;

import io.mailcensus.worker.dns.client.DnsAnswer;
import io.mailcensus.worker.dns.records.TxtText;
import java.util.List;
import java.util.function.Predicate;
import org.xbill.DNS.TXTRecord;

/** The texts of a TXT answer that a record type claims, sorted so results do not depend on answer order. */
final class TxtTexts {

    private TxtTexts() {}

    static List<String> matching(DnsAnswer answer, Predicate<String> candidate) {
        return answer.records(TXTRecord.class).stream()
                .map(TxtText::of)
                .filter(candidate)
                .sorted()
                .toList();
    }
}
