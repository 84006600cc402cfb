/**
 * Politeness towards the servers mailcensus probes (checks.md, "Politeness"): one gate per target
 * IP address ({@link io.mailcensus.worker.politeness.HostGates}), and the per-round results cache
 * keyed by (host name, IP) ({@link io.mailcensus.worker.politeness.RoundCache},
 * {@link io.mailcensus.worker.politeness.ServerKey}). Pure Java, no network, time injected
 * ({@link io.mailcensus.worker.politeness.Scheduler}).
 *
 * <p>How a mail-server prober uses it, per MxProbeTask (host, ip, scan_id):
 * <pre>{@code
 * if (optOut.blocks(host, ip)) -> result "opted out", no packet sent
 * cache.beginRound(scanId); gates.beginRound(scanId);
 * cache.computeIfAbsent(new ServerKey(host, ip), key ->
 *     gates.withPermit(ip, permit -> smtpProbe(key).whenComplete((r, e) -> permit.report(outcomeOf(r, e)))))
 * // a QuarantinedException (possibly wrapped in a CompletionException) -> result "not probed: quarantined"
 * }</pre>
 */
package io.mailcensus.worker.politeness;
