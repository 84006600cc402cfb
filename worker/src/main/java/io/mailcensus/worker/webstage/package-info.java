/**
 * HTTPS probes as a stage of their own, the way mail servers are (issue 16).
 *
 * <p>The domain loop does the DNS checks, resolves the domain's own name (where security.txt
 * is fetched, and the address a web host's gate is keyed by) and hands a
 * {@link io.mailcensus.schemas.WebProbeTask} to a task sink keyed by that address: an
 * in-process queue on one machine, the web-probe-tasks topic in a cluster, so one worker owns
 * each web server's HTTPS gate cluster-wide. The domain's DNS row is published at once, its web
 * checks {@code not_checked}: the report counts them unknown (the web metrics are
 * {@code partial}) until the {@link io.mailcensus.worker.webstage.WebStage} publishes the
 * same row again with the web checks filled in and a later {@code finished_at}, which wins
 * under {@code ReplacingMergeTree(finished_at)} (and {@code FINAL}/{@code argMax} in every report
 * query) on the embedded engine and a ClickHouse server alike.
 *
 * <p>{@link io.mailcensus.worker.webstage.WebRouter} builds the task;
 * {@link io.mailcensus.worker.webstage.WebStage} runs tasks queued per web address;
 * {@link io.mailcensus.worker.webstage.WebLoop} feeds it from a task source;
 * {@link io.mailcensus.worker.webstage.KnownAddresses} lets the probe use the addresses the
 * domain loop resolved instead of asking DNS again.
 */
package io.mailcensus.worker.webstage;
