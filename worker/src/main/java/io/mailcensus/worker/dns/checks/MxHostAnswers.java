package io.mailcensus.worker.dns.checks;

import io.mailcensus.worker.dns.client.DnsAnswer;
import java.util.List;

/**
 * The A and AAAA answers for one MX host, and the reverse lookups of (some of) its addresses.
 *
 * @param reverse one entry per address looked up in reverse, empty before that step ran
 */
public record MxHostAnswers(String host, DnsAnswer a, DnsAnswer aaaa, List<ReverseLookup> reverse) {

    public MxHostAnswers {
        reverse = List.copyOf(reverse);
    }

    public MxHostAnswers(String host, DnsAnswer a, DnsAnswer aaaa) {
        this(host, a, aaaa, List.of());
    }

    public MxHostAnswers withReverse(List<ReverseLookup> lookups) {
        return new MxHostAnswers(host, a, aaaa, lookups);
    }

    /** Every answer this host needed, for the domain's error list. */
    public List<DnsAnswer> all() {
        java.util.ArrayList<DnsAnswer> answers = new java.util.ArrayList<>(List.of(a, aaaa));
        for (ReverseLookup r : reverse) {
            answers.add(r.ptr());
            answers.addAll(r.forward().values());
        }
        return answers;
    }
}
