/**
 * Probing mail servers once per round (checks.md, "Per mail server" and "Politeness").
 *
 * <p>{@link io.mailcensus.worker.mailserver.MxTargets} turns a domain's DNS result into the
 * {@link io.mailcensus.worker.smtp.MailServerTarget}s to probe. {@link io.mailcensus.worker.mailserver.MailServerProber} probes
 * one pair: opt-out first (no packet), then the TLSA lookup (DNS, ungated) beside the SMTP
 * conversation under the IP's gate, then the verdicts (PKIX, host name, DANE) computed from the
 * recorded chain. {@link io.mailcensus.worker.mailserver.MailServerStage} makes sure each pair is
 * probed and published once per round however many domains name it, queued per IP as the gates
 * admit; it is the piece a distributed worker keeps per partition owner (MX probe tasks are keyed
 * by gate: IPv4 address or IPv6 /64).
 */
package io.mailcensus.worker.mailserver;
