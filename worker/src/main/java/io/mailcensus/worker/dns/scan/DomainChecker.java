package io.mailcensus.worker.dns.scan;

import io.mailcensus.worker.dns.dnssec.TldAnchoredValidator;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.ScanTask;
import io.mailcensus.worker.dns.client.DnsClient;
import io.mailcensus.worker.dns.client.DnsSettings;
import io.mailcensus.worker.dns.udp.PooledIoClientFactory;
import io.mailcensus.worker.dns.udp.PooledUdpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SimpleResolver;

/**
 * Runs the DNS checks of a domain and produces its {@link DomainResult}. One instance serves a
 * whole worker: it owns long-lived resolvers, an executor and the cap on queries in flight,
 * shared by every domain checked through it. Nothing here touches dnsjava's global defaults.
 *
 * <p>The returned stage completes normally for every DNS outcome (timeouts and SERVFAILs are
 * data in the result); it fails only on a bug, or after {@link #close()}.
 */
public final class DomainChecker implements AutoCloseable {

    private final DnsClient dns;
    private final Clock clock;
    private final DkimPlan dkim;
    /** The pooled UDP sockets behind the resolvers this checker made; null when it made none. */
    private final PooledUdpClient udpPool;
    private volatile boolean closed;

    /**
     * Asks the resolvers in the settings, or the system's when there are none. Their UDP goes
     * through a pool of reused sockets unless {@link #UDP_POOL_SWITCH} says {@code off}.
     */
    public DomainChecker(DnsSettings settings) {
        this(settings, udpPoolEnabled() ? openPool() : null);
    }

    private DomainChecker(DnsSettings settings, PooledUdpClient udpPool) {
        this.dns = new DnsClient(resolversFor(settings, udpPool), settings);
        this.clock = Clock.systemUTC();
        this.dkim = DkimPlan.of(settings);
        this.udpPool = udpPool;
    }

    /**
     * System property (or, upper-cased with dots as underscores, environment variable
     * MAILCENSUS_DNS_UDP_POOL): {@code off} goes back to dnsjava's socket-per-query UDP; by default
     * UDP goes through {@link PooledUdpClient} (issue 7: a third less CPU per query).
     */
    public static final String UDP_POOL_SWITCH = "mailcensus.dns.udp.pool";

    static boolean udpPoolEnabled() {
        String value = System.getProperty(UDP_POOL_SWITCH, System.getenv("MAILCENSUS_DNS_UDP_POOL"));
        return value == null || !value.trim().equalsIgnoreCase("off");
    }

    private static PooledUdpClient openPool() {
        try {
            return new PooledUdpClient(PooledUdpClient.DEFAULT_SOCKETS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the DNS UDP sockets", e);
        }
    }

    /** Retries after a timeout go to the next resolver in the list. */
    public DomainChecker(DnsSettings settings, List<Resolver> resolvers, Clock clock) {
        this.dns = new DnsClient(resolvers, settings);
        this.clock = clock;
        this.dkim = DkimPlan.of(settings);
        this.udpPool = null;
    }

    public CompletionStage<DomainResult> check(ScanTask task) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("DomainChecker is closed"));
        }
        return new DomainScan(dns, clock, task, dkim).run();
    }

    /**
     * The client behind this checker, for the probes that need DNS after the domain's checks
     * (TLSA of MX hosts, addresses of HTTPS hosts): they share its resolvers and in-flight cap.
     */
    public DnsClient dns() {
        return dns;
    }

    /** Queries on the wire right now, across all domains. */
    public int inFlight() {
        return dns.inFlight();
    }

    @Override
    public void close() {
        closed = true;
        dns.close();
        if (udpPool != null) {
            udpPool.close();
        }
    }

    /** The EDNS(0) UDP payload size every query advertises. */
    public static final int EDNS_PAYLOAD = TldAnchoredValidator.EDNS_PAYLOAD;

    /** dnsjava's UDP client, TCP a connection per query (dnsjava's own pipelines all on one). */
    private static final class PerQueryTcpFactory implements org.xbill.DNS.io.IoClientFactory {
        private final org.xbill.DNS.io.UdpIoClient udp = new org.xbill.DNS.io.DefaultIoClientFactory().createOrGetUdpClient();
        private final org.xbill.DNS.io.TcpIoClient tcp = new io.mailcensus.worker.dns.tcp.ConnectionPerQueryTcpClient();

        @Override
        public org.xbill.DNS.io.TcpIoClient createOrGetTcpClient() {
            return tcp;
        }

        @Override
        public org.xbill.DNS.io.UdpIoClient createOrGetUdpClient() {
            return udp;
        }
    }

    /**
     * One SimpleResolver per address: retries rotate over them, and we see every rcode. With a
     * pool, every resolver sends its UDP through it; TCP is a connection per query.
     */
    static List<Resolver> resolversFor(DnsSettings settings, PooledUdpClient udpPool) {
        List<InetSocketAddress> addresses = settings.resolvers().isEmpty()
                ? ResolverConfig.getCurrentConfig().servers()
                : settings.resolvers();
        if (addresses.isEmpty()) {
            throw new IllegalStateException("no DNS resolvers configured and none found in the system configuration");
        }
        return addresses.stream().<Resolver>map(address -> {
            SimpleResolver resolver = new SimpleResolver(address);
            resolver.setIoClientFactory(udpPool != null ? new PooledIoClientFactory(udpPool) : new PerQueryTcpFactory());
            // DNS flag day 2020: 1,232 bytes fit any path's MTU without fragments, and
            // keep most answers off TCP.
            resolver.setEDNS(0, EDNS_PAYLOAD, 0, List.of());
            return resolver;
        }).toList();
    }
}
