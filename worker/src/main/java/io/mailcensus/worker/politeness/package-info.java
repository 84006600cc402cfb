/**
 * Politeness towards the servers mailcensus probes (checks.md, "Politeness"): one gate per target
 * IP address ({@link io.mailcensus.worker.politeness.HostGates}), and the per-round results cache
 * keyed by the mail server target (host name, IP, port)
 * ({@link io.mailcensus.worker.politeness.RoundCache}). Pure Java, no network, time injected
 * ({@link io.mailcensus.worker.politeness.Scheduler}).
 *
 * <p>How a mail-server prober uses it, per target (host, ip, port) of round scan_id:
 * <pre>{@code
 * if (optOut.blocks(host, ip)) -> result "opted out", no packet sent
 * cache.beginRound(scanId); gates.beginRound(scanId);
 * cache.computeIfAbsent(target, key ->
 *     gates.withPermit(ip, permit -> smtpProbe(key).whenComplete((r, e) -> permit.report(outcomeOf(r, e)))))
 * // a QuarantinedException (possibly wrapped in a CompletionException) -> result "not probed: quarantined"
 * }</pre>
 */
package io.mailcensus.worker.politeness;
