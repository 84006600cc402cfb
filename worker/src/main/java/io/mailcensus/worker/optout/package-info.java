/**
 * The opt-out list ({@link io.mailcensus.worker.optout.OptOutList}): domains, host names and
 * address blocks that mailcensus never sends a packet to. Checked before DNS-derived work
 * reaches the network: the domain before its web checks, the (MX host, IP) pair before any SMTP
 * connection.
 */
package io.mailcensus.worker.optout;
