package io.mailcensus.worker.spf;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The per-domain SPF facts: the bounded walk of {@link SpfWalk} and one check_host() for a
 * documentation address, both on one {@link CachingSpfDns} so the include chain is fetched once.
 */
public final class SpfInspector {

    /** TEST-NET-1 (RFC 5737): never a real sender, so the evaluation shows the policy's default path. */
    public static final InetAddress PROBE_ADDRESS = InetAddress.ofLiteral("192.0.2.1");

    private SpfInspector() {}

    /**
     * @param dns the scan's DNS (wrap it fresh per domain; see {@link CachingSpfDns})
     * @param txt the domain's TXT answer, already in hand
     */
    public static CompletionStage<SpfFacts> inspect(SpfDns dns, String domain, SpfDns.Lookup txt) {
        CachingSpfDns cached = new CachingSpfDns(dns);
        cached.seed(domain, SpfDns.Type.TXT, txt);
        CompletionStage<SpfOutcome> probe = new CheckHost(cached)
                .check(PROBE_ADDRESS, "postmaster@" + domain, domain);
        List<String> records = CheckHost.spfRecords(txt);
        if (records.size() != 1) {
            String why = records.size() > 1 ? "more than one v=spf1 record (RFC 7208 4.5)" : null;
            return probe.thenApply(p -> new SpfFacts(0, 0, why != null ? why : permerrorOf(p), p));
        }
        return new SpfWalk(cached).walk(domain, records.getFirst()).thenCombine(probe, (walked, p) ->
                new SpfFacts(walked.dnsTerms(), walked.voidLookups(),
                        walked.problem() != null ? walked.problem() : permerrorOf(p), p));
    }

    private static String permerrorOf(SpfOutcome p) {
        return p.result() == SpfResult.PERMERROR ? p.reason() : null;
    }
}
