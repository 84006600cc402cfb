package io.mailcensus.worker.dns.udp;

import io.mailcensus.worker.dns.tcp.ConnectionPerQueryTcpClient;
import org.xbill.DNS.io.IoClientFactory;
import org.xbill.DNS.io.TcpIoClient;
import org.xbill.DNS.io.UdpIoClient;

/**
 * UDP through the pool, TCP a connection per query ({@link ConnectionPerQueryTcpClient}): a
 * truncated answer still makes SimpleResolver retry over TCP, as without the pool.
 */
public final class PooledIoClientFactory implements IoClientFactory {

    private final PooledUdpClient udp;
    private final TcpIoClient tcp = new ConnectionPerQueryTcpClient();

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
