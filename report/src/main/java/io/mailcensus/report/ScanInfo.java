package io.mailcensus.report;

import io.mailcensus.core.port.ScanOptions;
import java.time.Instant;

/**
 * The scan a report is about.
 *
 * @param finished null while the scan is still running
 * @param domains the domains with a result in the store (the metric domains.total)
 * @param options what the scan measured with, from its scans row ({@link ScanOptions#UNKNOWN}
 *     when the row has none)
 */
public record ScanInfo(String id, Instant started, Instant finished, long domains, ScanOptions options) {

    public ScanInfo {
        options = options == null ? ScanOptions.UNKNOWN : options;
    }

    /** A scan without recorded options. */
    public ScanInfo(String id, Instant started, Instant finished, long domains) {
        this(id, started, finished, domains, ScanOptions.UNKNOWN);
    }
}
