package io.mailcensus.testbed.mail;

import io.mailcensus.testbed.pki.Leaf;
import io.mailcensus.testbed.pki.TestCa;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Real mail servers on loopback addresses, one {@link Personality} per address: Postfix (one
 * master for all its addresses) and Exim (one daemon per address), with certificates from a
 * {@link TestCa}. {@link #close()} stops them all; a later {@link #start} on the same work
 * directory first stops whatever a JVM that died left running there.
 *
 * <pre>{@code
 * TestCa ca = TestCa.create("testbed CA");
 * try (MailTestbed mail = MailTestbed.start(dir, ca, List.of(
 *         MailServerSpec.of("127.25.0.1", "mx1.example.test", Personality.POSTFIX_STARTTLS),
 *         MailServerSpec.of("127.25.0.2", "mx2.example.test", Personality.EXIM_STARTTLS)))) {
 *     ... scan ...
 *     assertThat(mail.awaitConnections("127.25.0.1", 1, Duration.ofSeconds(5))).isEqualTo(1);
 * }
 * }</pre>
 */
public final class MailTestbed implements AutoCloseable {

    public static final int DEFAULT_PORT = 25;
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

    private final Path workDir;
    private final int port;
    private final Path caFile;
    private final Map<String, ServerSetup> servers;
    private final Map<String, ConnectionLog> logs;
    private final List<Runnable> stops;
    private final Thread shutdownHook;
    private boolean closed;

    private MailTestbed(Path workDir, int port, Path caFile, Map<String, ServerSetup> servers,
            Map<String, ConnectionLog> logs, List<Runnable> stops) {
        this.workDir = workDir;
        this.port = port;
        this.caFile = caFile;
        this.servers = servers;
        this.logs = logs;
        this.stops = stops;
        // a JVM that exits normally (a test run ending without close) takes its servers along
        this.shutdownHook = new Thread(this::stopAll, "mail-testbed-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** {@link #start(Path, TestCa, List, int, Duration)} on port 25 with a 60 s start-up bound. */
    public static MailTestbed start(Path workDir, TestCa ca, List<MailServerSpec> specs)
            throws IOException, InterruptedException {
        return start(workDir, ca, specs, DEFAULT_PORT, DEFAULT_START_TIMEOUT);
    }

    /**
     * Stops leftovers of an earlier run in {@code workDir}, checks that the addresses are free,
     * writes {@code pki/ca.pem} and each server's certificate, starts every server and returns
     * once each has answered a probe as its personality should (within {@code timeout}, or
     * IOException, with nothing left running). Exim is fetched first if this machine has none
     * yet ({@link EximInstallation}); that time does not count.
     */
    public static MailTestbed start(Path workDir, TestCa ca, List<MailServerSpec> specs, int port, Duration timeout)
            throws IOException, InterruptedException {
        Path dir = workDir.toAbsolutePath().normalize();
        if (dir.toString().matches(".*[\\s,].*")) {
            // the paths go into master.cf "-o" options, where blanks and commas split values
            throw new IllegalArgumentException("the mail testbed's directory may not contain blanks or commas: " + dir);
        }
        requireDistinctAddresses(specs);
        List<MailServerSpec> eximSpecs = specs.stream()
                .filter(s -> s.personality().software() == Personality.Software.EXIM).toList();
        // fetching Exim (once per machine) is not start-up time
        Optional<EximInstallation> exim = eximSpecs.isEmpty() ? Optional.empty() : Optional.of(EximInstallation.locate());
        Instant deadline = Instant.now().plus(timeout);
        Files.createDirectories(dir);
        stopLeftovers(dir);
        PortCheck.requireFree(specs, port);

        Path pki = dir.resolve("pki");
        Path caFile = ca.writeCa(pki);
        Map<String, ServerSetup> setups = new LinkedHashMap<>();
        for (MailServerSpec spec : specs) {
            Optional<Leaf> leaf = ServerCertificates.issue(ca, spec);
            Optional<Leaf.PemFiles> files = leaf.isPresent() ? Optional.of(leaf.get().write(pki)) : Optional.empty();
            Map<String, Leaf.PemFiles> sniFiles = new LinkedHashMap<>();
            for (var sni : ServerCertificates.issueForSni(ca, spec).entrySet()) {
                sniFiles.put(sni.getKey(), sni.getValue().write(pki));
            }
            setups.put(spec.address(), new ServerSetup(spec, leaf, files, sniFiles));
        }

        Map<String, ConnectionLog> logs = new LinkedHashMap<>();
        List<Runnable> stops = new ArrayList<>();
        try {
            List<ServerSetup> postfix = of(setups, Personality.Software.POSTFIX);
            if (!postfix.isEmpty()) {
                PostfixServer p = PostfixServer.start(dir, postfix, port, deadline);
                stops.add(quietly(p::stop));
                logs.putAll(p.logs());
            }
            for (ServerSetup s : of(setups, Personality.Software.EXIM)) {
                EximServer e = EximServer.start(dir, exim.orElseThrow(), s, port, deadline);
                stops.add(quietly(e::stop));
                logs.put(s.spec().address(), e.log());
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            RuntimeException stopFailure = runAll(stops);
            if (stopFailure != null) {
                e.addSuppressed(stopFailure);
            }
            throw e;
        }
        return new MailTestbed(dir, port, caFile, setups, logs, stops);
    }

    /**
     * Stops what the pid files under {@code workDir/run} name, if those processes are still this
     * testbed's servers (same program, command line naming {@code workDir}); true if something ran.
     */
    public static boolean stopLeftovers(Path workDir) throws IOException {
        Path dir = workDir.toAbsolutePath().normalize();
        boolean any = PostfixServer.stopLeftover(dir);
        any |= EximServer.stopLeftovers(dir);
        return any;
    }

    /**
     * SMTP connections the server on {@code ip} accepted since start-up, as its own log tells
     * (the start-up probe excluded); 0 for an address where nothing listens. The servers log
     * asynchronously: right after a connection, prefer {@link #awaitConnections}.
     */
    public int connectionsTo(String ip) {
        ConnectionLog log = logs.get(requireServer(ip));
        return log == null ? 0 : log.count();
    }

    public int connectionsTo(InetAddress ip) {
        return connectionsTo(ip.getHostAddress());
    }

    /**
     * Waits until the log shows at least {@code atLeast} connections to {@code ip} or {@code timeout}
     * passes, then returns the count (which may be higher, or lower on timeout: assert on it).
     */
    public int awaitConnections(String ip, int atLeast, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        int n = connectionsTo(ip);
        while (n < atLeast && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
            n = connectionsTo(ip);
        }
        return n;
    }

    /** Connections per address (every address of the testbed, in start order). */
    public Map<String, Integer> connections() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String ip : servers.keySet()) {
            m.put(ip, connectionsTo(ip));
        }
        return m;
    }

    /** Counts from zero again, e.g. before a second scan round. */
    public void resetConnectionCounts() {
        logs.values().forEach(ConnectionLog::resetBaseline);
    }

    /** The certificate the server on {@code ip} presents after STARTTLS (for TLSA records), if it offers TLS. */
    public Optional<Leaf> leaf(String ip) {
        return servers.get(requireServer(ip)).leaf();
    }

    public List<MailServerSpec> servers() {
        return servers.values().stream().map(ServerSetup::spec).toList();
    }

    /** Where a client connects to the server on {@code ip}. */
    public InetSocketAddress address(String ip) {
        return new InetSocketAddress(servers.get(requireServer(ip)).spec().ip(), port);
    }

    public int port() {
        return port;
    }

    /** {@code <workDir>/pki/ca.pem}: the test CA every non-self-signed server certificate chains to. */
    public Path caFile() {
        return caFile;
    }

    public Path workDir() {
        return workDir;
    }

    /** Stops every server (UncheckedIOException if one could not be); a second call does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down
        }
    }

    private synchronized void stopAll() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = runAll(stops);
        if (failure != null) {
            throw failure;
        }
    }

    /** Runs every stop, last started first, even when one fails; returns the first failure. */
    private static RuntimeException runAll(List<Runnable> stops) {
        RuntimeException first = null;
        for (Runnable stop : stops.reversed()) {
            try {
                stop.run();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        return first;
    }

    private String requireServer(String ip) {
        if (!servers.containsKey(ip)) {
            throw new IllegalArgumentException("no testbed mail server on " + ip + " (servers: " + servers.keySet() + ")");
        }
        return ip;
    }

    private static List<ServerSetup> of(Map<String, ServerSetup> setups, Personality.Software software) {
        return setups.values().stream().filter(s -> s.spec().personality().software() == software).toList();
    }

    private static void requireDistinctAddresses(List<MailServerSpec> specs) {
        Set<String> seen = new HashSet<>();
        for (MailServerSpec s : specs) {
            if (!seen.add(s.address())) {
                throw new IllegalArgumentException("two mail servers on " + s.address());
            }
        }
    }

    private interface Stop {
        void stop() throws IOException;
    }

    private static Runnable quietly(Stop stop) {
        return () -> {
            try {
                stop.stop();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
