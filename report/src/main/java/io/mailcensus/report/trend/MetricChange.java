package io.mailcensus.report.trend;

/**
 * One metric of the other scan of a comparison, and how far this scan has moved from it.
 *
 * @param count the other scan's count
 * @param baseCount the other scan's base size; null for a bare count
 * @param pct the other scan's pct; null for a bare count
 * @param points this scan's pct minus the other's, in percentage points, 2 decimals; null for a
 *     bare count (m365.tenants_unique), whose change is {@code this count - count}
 */
public record MetricChange(long count, Long baseCount, Double pct, Double points) {}
