package io.mailcensus.worker.spf;

/**
 * What one check_host() call gave.
 *
 * @param explanation for FAIL only: the expanded exp= text, or null for "no explanation" (the
 *     caller's default)
 * @param reason why, for TEMPERROR and PERMERROR (null otherwise)
 * @param dnsTerms DNS-querying terms evaluated (RFC 7208 4.6.4), including the one that broke the limit
 * @param voidLookups lookups that gave NXDOMAIN or no answer
 */
public record SpfOutcome(SpfResult result, String explanation, String reason, int dnsTerms, int voidLookups) {}
