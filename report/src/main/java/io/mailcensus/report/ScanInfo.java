package io.mailcensus.report;

import java.time.Instant;

/**
 * The scan a report is about.
 *
 * @param finished null while the scan is still running
 * @param domains the domains with a result in the store (the metric domains.total)
 */
public record ScanInfo(String id, Instant started, Instant finished, long domains) {}
