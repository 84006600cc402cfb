/**
 * Real mail servers on loopback for integration tests ({@link io.mailcensus.testbed.mail.MailTestbed}):
 * one Postfix master serving every Postfix address (per-address {@code master.cf} entries with
 * {@code -o} overrides) and one Exim daemon per Exim address, each with a
 * {@link io.mailcensus.testbed.mail.Personality} (banner, STARTTLS or not, which certificate).
 * Everything lives under one work directory; the system's {@code /etc/postfix} and
 * {@code /etc/exim4} are never read or written. The servers' own logs count the SMTP connections
 * each address accepted, so a test can prove how often a scanner connected.
 *
 * <p>Exim comes from Debian's {@code exim4-daemon-light} unpacked into a cache directory
 * ({@link io.mailcensus.testbed.mail.EximInstallation}, script {@code fetch-exim.sh}), because
 * Debian's exim4 and postfix packages conflict.
 */
package io.mailcensus.testbed.mail;
