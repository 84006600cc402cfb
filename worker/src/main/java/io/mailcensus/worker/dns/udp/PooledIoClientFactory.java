package io.mailcensus.worker.dns.udp;

import org.xbill.DNS.io.DefaultIoClientFactory;
import org.xbill.DNS.io.IoClientFactory;
import org.xbill.DNS.io.TcpIoClient;
import org.xbill.DNS.io.UdpIoClient;

/**
 * UDP through the pool, TCP through dnsjava's own client: a truncated answer still makes
 * SimpleResolver retry over TCP, as without the pool.
 */
public final class PooledIoClientFactory implements IoClientFactory {

    private final PooledUdpClient udp;
    private final TcpIoClient tcp = new DefaultIoClientFactory().createOrGetTcpClient();

    public PooledIoClientFactory(PooledUdpClient udp) {
        this.udp = udp;
    }

    @Override
    public TcpIoClient createOrGetTcpClient() {
        return tcp;
    }

    @Override
    public UdpIoClient createOrGetUdpClient() {
        return udp;
    }
}
