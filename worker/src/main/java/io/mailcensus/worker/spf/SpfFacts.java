package io.mailcensus.worker.spf;

/**
 * The per-domain SPF figures of the report.
 *
 * @param dnsTerms DNS-querying terms (include, a, mx, ptr, exists, redirect) counted through
 *     every include and redirect as a full walk reaches them; more than 10 means check_host()
 *     can end in permerror (RFC 7208 4.6.4). Counting stops a little past the limit
 *     ({@link SpfWalk#MAX_TERMS}), so large values mean "at least".
 * @param voidLookups walk lookups answered NXDOMAIN or empty (limit 2)
 * @param permerror why the policy is broken (syntax, several records, loop, too many terms or
 *     void lookups, an include without a record), or why the probe evaluation gave permerror; null if neither
 * @param probe check_host() for the documentation address {@link SpfInspector#PROBE_ADDRESS}
 */
public record SpfFacts(int dnsTerms, int voidLookups, String permerror, SpfOutcome probe) {}
