package io.mailcensus.core.port;

/**
 * The options of a scan that change what it measures, kept in its {@code scans} row so that a
 * report can print them and {@code --compare} / {@code --trend} can warn when two scans differ.
 * Every field is null when unknown (a row written before the options were recorded).
 *
 * @param resolver the resolvers asked, comma-separated ("system" for the system's)
 * @param dnssec validate, trust-ad or off
 * @param smtp whether mail servers were probed (false: --no-smtp)
 * @param http whether HTTPS was probed (false: --no-http)
 * @param optOutEntries entries of the opt-out list in effect
 * @param smtpPoliteness the SMTP gates, e.g. "connections=1,per-minute=6,backoff-base=PT15S,quarantine-after=3"
 * @param httpsPoliteness the HTTPS gates, the same way
 * @param version the mailcensus version that ran the scan
 */
public record ScanOptions(
        String resolver,
        String dnssec,
        Boolean smtp,
        Boolean http,
        Long optOutEntries,
        String smtpPoliteness,
        String httpsPoliteness,
        String version) {

    /** Nothing known: a scan recorded before options were. */
    public static final ScanOptions UNKNOWN = new ScanOptions(null, null, null, null, null, null, null, null);
}
