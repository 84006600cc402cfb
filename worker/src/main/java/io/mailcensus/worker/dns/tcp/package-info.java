/**
 * DNS over TCP for the truncated-answer fallback: {@link io.mailcensus.worker.dns.tcp.ConnectionPerQueryTcpClient},
 * a connection per query so that no answer waits behind another on a shared connection.
 */
package io.mailcensus.worker.dns.tcp;
