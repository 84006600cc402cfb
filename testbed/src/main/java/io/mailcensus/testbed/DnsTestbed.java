package io.mailcensus.testbed;

import io.mailcensus.testbed.server.AddressPlan;
import io.mailcensus.testbed.server.DnsServers;
import io.mailcensus.testbed.truth.ProviderTruth;
import io.mailcensus.testbed.zone.Directories;
import io.mailcensus.testbed.zone.GeneratedZones;
import io.mailcensus.testbed.zone.ZoneGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A simulated DNS internet on loopback with known ground truth: generated zones served by Knot
 * (root, TLD, one zone per child domain) behind an Unbound resolver that talks to nothing else.
 *
 * <pre>{@code
 * try (DnsTestbed tb = DnsTestbed.start(TestbedOptions.of(dir, 1_000, 42))) {
 *     scan(tb.domainsFile(), tb.resolver());
 *     assertThat(report).isEqualTo(tb.truth());
 * }
 * }</pre>
 *
 * Starting again on the same directory with the same inputs reuses the generated zones.
 */
public final class DnsTestbed implements AutoCloseable {

    /** Blocks being started in this JVM, so parallel tests never pick the same addresses. */
    private static final Set<Integer> BLOCKS_IN_USE = new HashSet<>();

    private final TestbedOptions options;
    private final GeneratedZones zones;
    private final DnsServers servers;
    /** Mail and web servers, null unless {@link TestbedOptions#servers()}. */
    private final TestbedServers applicationServers;
    private final Duration generationTime;
    private final Duration serverStartTime;
    private final Duration applicationServerStartTime;
    private final Thread shutdownHook;
    private boolean closed;

    private DnsTestbed(TestbedOptions options, GeneratedZones zones, DnsServers servers,
            TestbedServers applicationServers, Duration generationTime, Duration serverStartTime,
            Duration applicationServerStartTime) {
        this.options = options;
        this.zones = zones;
        this.servers = servers;
        this.applicationServers = applicationServers;
        this.generationTime = generationTime;
        this.serverStartTime = serverStartTime;
        this.applicationServerStartTime = applicationServerStartTime;
        this.shutdownHook = options.detached() ? null : new Thread(this::stopQuietly, "testbed-stop");
        if (shutdownHook != null) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    /** Generates (or reuses) the zones, starts the servers and returns once they answer. */
    public static DnsTestbed start(TestbedOptions options) throws IOException, InterruptedException {
        Path dir = options.workDir();
        Files.createDirectories(dir);
        DnsServers.stopAll(dir); // leftovers of a run that was killed
        TestbedServers.stopAll(dir);
        Instant t0 = Instant.now();
        GeneratedZones zones = new ZoneGenerator(options.domains(), options.seed(), options.tld(), options.extras(), options.web())
                .reuseOrGenerate(dir);
        Instant t1 = Instant.now();
        AddressPlan plan = reserveBlock();
        DnsServers servers;
        try {
            servers = DnsServers.start(dir, zones, plan, options.link(), options.detached(), options.readyTimeout());
        } finally {
            // Once the servers are bound, the block no longer looks free to anyone.
            releaseBlock(plan);
        }
        Instant t2 = Instant.now();
        TestbedServers applicationServers = null;
        if (options.servers()) {
            try {
                applicationServers = TestbedServers.start(dir, zones, options.web(), options.detached(),
                        options.readyTimeout());
            } catch (IOException | InterruptedException | RuntimeException e) {
                servers.close();
                throw e;
            }
        }
        new TestbedState(options.domains(), options.seed(), options.tld(), plan.block(), options.servers(), options.link())
                .write(dir);
        return new DnsTestbed(options, zones, servers, applicationServers, Duration.between(t0, t1),
                Duration.between(t1, t2), Duration.between(t2, Instant.now()));
    }

    private static synchronized AddressPlan reserveBlock() throws IOException {
        for (int b = 0; b <= 255; b++) {
            if (!BLOCKS_IN_USE.contains(b) && new AddressPlan(b).isFree()) {
                BLOCKS_IN_USE.add(b);
                return new AddressPlan(b);
            }
        }
        throw new IOException("no free 127.53.x.0/24 block with port 53 free: is something bound to 0.0.0.0:53?");
    }

    private static synchronized void releaseBlock(AddressPlan plan) {
        BLOCKS_IN_USE.remove(plan.block());
    }

    /** The recursive resolver (Unbound) the scanner under test should use. */
    public InetSocketAddress resolver() {
        return servers.plan().resolverSocket();
    }

    /**
     * The authoritative server (Knot), for questions without recursion; with latency, the relay
     * in front of it, so these questions see the same delay as Unbound's.
     */
    public InetSocketAddress authoritative() {
        return servers.plan().authoritativeSocket();
    }

    public AddressPlan addresses() {
        return servers.plan();
    }

    /** The scan list: one A-label domain per line. */
    public Path domainsFile() {
        return zones.layout().domainsFile();
    }

    /** {@code truth.json}: expected count per metric key. */
    public Path truthFile() {
        return zones.layout().truthFile();
    }

    /** {@code truth-domains.tsv}: per domain, the metrics it counts in (see {@code DomainTruthLine}). */
    public Path truthDomainsFile() {
        return zones.layout().truthDomainsFile();
    }

    /**
     * {@code trust-anchor.txt}: the DS of the testbed's signed root, in the zone-file format of
     * Unbound's {@code trust-anchor-file}; give it to a scanner as {@code --trust-anchor}.
     */
    public Path trustAnchorFile() {
        return DnsServers.trustAnchorFile(options.workDir());
    }

    /** Address ranges a scanner under test must not connect to (AAAA records use them). */
    public Path optOutFile() {
        return zones.layout().optOutFile();
    }

    /** Expected count for every metric key of report.md that DNS alone decides. */
    public Map<String, Long> truth() {
        return zones.truth().asMap();
    }

    /** {@code truth-breakdowns.tsv}: expected rows of ns.provider and mx.provider, best first. */
    public Map<String, List<ProviderTruth.Entry>> truthBreakdowns() throws IOException {
        ProviderTruth providers = ProviderTruth.read(zones.layout().truthBreakdownsFile());
        return Map.of(ProviderTruth.NS, providers.rows(ProviderTruth.NS), ProviderTruth.MX, providers.rows(ProviderTruth.MX));
    }

    /** {@code pki/ca.pem}: the CA of the mail and web servers' certificates (with {@link TestbedOptions#servers()}). */
    public Path caFile() {
        return TestbedServers.caFile(options.workDir());
    }

    /** SMTP connections per MX address since the servers started (with {@link TestbedOptions#servers()}). */
    public Map<String, Integer> smtpConnections() throws IOException {
        return TestbedServers.smtpConnections(options.workDir());
    }

    /** HTTPS requests per web address since the servers started (with {@link TestbedOptions#servers()}). */
    public Map<String, Integer> httpsRequests() throws IOException {
        return TestbedServers.httpsRequests(options.workDir());
    }

    public GeneratedZones zones() {
        return zones;
    }

    public Path workDir() {
        return options.workDir();
    }

    /** Time spent generating zones (near zero when an earlier generation was reused). */
    public Duration generationTime() {
        return generationTime;
    }

    /** Time from starting knotd to Unbound answering. */
    public Duration serverStartTime() {
        return serverStartTime;
    }

    /** Time to start Postfix and nginx (zero without {@link TestbedOptions#servers()}). */
    public Duration applicationServerStartTime() {
        return applicationServerStartTime;
    }

    /** Stops the servers; keeps the files unless {@link TestbedOptions#deleteOnClose()}. */
    @Override
    public void close() throws IOException {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down and runs the hook
            }
        }
        if (applicationServers != null) {
            applicationServers.close();
        }
        servers.close();
        if (options.deleteOnClose()) {
            Directories.deleteRecursively(options.workDir());
        }
    }

    private void stopQuietly() {
        try {
            if (applicationServers != null) {
                applicationServers.close();
            }
            servers.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
