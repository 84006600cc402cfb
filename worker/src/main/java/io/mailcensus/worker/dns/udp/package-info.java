/**
 * A UDP transport for dnsjava that reuses a small pool of sockets (issue 7): dnsjava's own
 * client opens, binds, connects and closes one socket per query, which cost a third of the
 * worker's CPU in kernel time during a DNS-only scan. Plugged in through
 * {@link org.xbill.DNS.SimpleResolver#setIoClientFactory}; TCP stays dnsjava's.
 */
package io.mailcensus.worker.dns.udp;
