/**
 * Operational metrics of a mailcensus process, in Micrometer, scraped by Prometheus.
 *
 * <p>{@link io.mailcensus.core.metrics.MeterNames} is the catalogue: every meter a role may
 * register, with what it counts. {@link io.mailcensus.core.metrics.Metrics} holds the registry of
 * one process (Prometheus, or a no-op one where nobody scrapes, the default of every component),
 * and {@link io.mailcensus.core.metrics.MetricsEndpoint} serves {@code /metrics}.
 *
 * <p>Metrics describe the machinery (throughput, backlog, retries); the measurements themselves
 * are rows in the store, answered in SQL. A counter here is never the source of a report number.
 */
package io.mailcensus.core.metrics;
