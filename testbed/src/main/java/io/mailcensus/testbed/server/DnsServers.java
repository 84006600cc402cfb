package io.mailcensus.testbed.server;

import io.mailcensus.testbed.zone.GeneratedZones;
import io.mailcensus.testbed.zone.Infrastructure;
import io.mailcensus.testbed.zone.ZoneLayout;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The server processes of a testbed: the authoritative knotd, the lame knotd and unbound, with
 * their configs, logs and pid files under the work directory: {@code knot/}, {@code lame/},
 * {@code unbound/} and {@code run/*.pid}. With a {@link LinkDelay}, a {@link DelayRelay} (its own
 * JVM, log in {@code relay/}) stands between unbound and both knotds.
 */
public final class DnsServers implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final AddressPlan plan;
    private final List<ServerProcess> processes;

    private DnsServers(AddressPlan plan, List<ServerProcess> processes) {
        this.plan = plan;
        this.processes = processes;
    }

    /**
     * Writes the configs, starts Knot (both), links the chain of trust once Knot has signed the
     * zones ({@link ChainOfTrust}), starts the relay when {@code link} simulates a network, then
     * starts the validating Unbound; returns once all answer.
     */
    public static DnsServers start(Path workDir, GeneratedZones zones, AddressPlan plan, LinkDelay link,
            boolean detached, Duration timeout) throws IOException, InterruptedException {
        ZoneLayout layout = zones.layout();
        ServerFiles files = new ServerFiles(workDir);
        // Behind a relay, both knotds move; the relay takes the addresses the zones and hints name.
        InetSocketAddress knotAt = new InetSocketAddress(
                link.isOn() ? plan.authoritativeBehindRelay() : plan.authoritative(), AddressPlan.PORT);
        InetSocketAddress lameAt = new InetSocketAddress(
                link.isOn() ? plan.lameBehindRelay() : plan.lame(), AddressPlan.PORT);
        InfraZones.write(layout, plan, zones.tld());
        KnotServer.writeConfig(files.knotConf(), files.knotState(), files.knotSocket(), knotAt.getAddress(), layout,
                zones.tld());
        KnotServer.writeLameConfig(files.lameConf(), files.lameState(), files.lameSocket(), lameAt.getAddress());
        UnboundServer.writeConfig(files.unboundDir(), plan, zones.tld(), files.trustAnchor());

        Instant deadline = Instant.now().plus(timeout);
        List<ServerProcess> started = new ArrayList<>();
        try {
            ServerProcess knot = ServerProcess.start("knotd", KnotServer.command(files.knotConf()),
                    files.knotDir().resolve("knotd.log"), files.pid(KNOT), detached);
            started.add(knot);
            ServerProcess lame = ServerProcess.start("lame knotd", KnotServer.command(files.lameConf()),
                    files.lameDir().resolve("knotd.log"), files.pid(LAME), detached);
            started.add(lame);
            KnotServer.awaitZonesLoaded(knot, files.knotSocket(), zones.servedChildZones() + KnotServer.INFRA_ZONES,
                    remaining(deadline));
            awaitRcode(lame, lameAt, zones.tld(), false, Rcode.REFUSED, deadline);
            ChainOfTrust.link(layout, knotAt, files.knotSocket(), zones.tld(), files.trustAnchor(), remaining(deadline));
            if (link.isOn()) {
                List<DelayRelay.Route> routes = List.of(
                        new DelayRelay.Route(plan.authoritativeSocket(), knotAt),
                        new DelayRelay.Route(plan.lameSocket(), lameAt));
                ServerProcess relay = ServerProcess.start("delay relay", relayCommand(routes, link),
                        files.relayDir().resolve("relay.log"), files.pid(RELAY), detached);
                started.add(relay);
                awaitRcode(relay, plan.authoritativeSocket(), zones.tld(), false, Rcode.NOERROR, deadline);
                awaitRcode(relay, plan.lameSocket(), zones.tld(), false, Rcode.REFUSED, deadline);
            }

            ServerProcess unbound = ServerProcess.start("unbound", UnboundServer.command(files.unboundDir()),
                    files.unboundDir().resolve("unbound.log"), files.pid(UNBOUND), detached);
            started.add(unbound);
            awaitRcode(unbound, plan.resolverSocket(), zones.tld(), true, Rcode.NOERROR, deadline);
            requireLocalRoot(plan);
            return new DnsServers(plan, started);
        } catch (IOException | InterruptedException | RuntimeException e) {
            for (ServerProcess p : started.reversed()) {
                p.stop(STOP_GRACE);
            }
            throw e;
        }
    }

    public AddressPlan plan() {
        return plan;
    }

    public List<ServerProcess> processes() {
        return List.copyOf(processes);
    }

    @Override
    public void close() throws IOException {
        for (ServerProcess p : processes.reversed()) {
            p.stop(STOP_GRACE);
        }
    }

    /** The testbed root's DS, written at start-up: Unbound's trust anchor, and the scanner's. */
    public static Path trustAnchorFile(Path workDir) {
        return new ServerFiles(workDir).trustAnchor();
    }

    /**
     * After zone files changed on a running testbed ({@code mutate}): reloads those zones in Knot
     * (blocking until loaded and re-signed) and restarts Unbound with the same config, so that
     * no answer cached before the change is served (it has no remote control to flush with).
     */
    public static void reload(Path workDir, List<String> zones, AddressPlan plan, String tld, Duration timeout)
            throws IOException, InterruptedException {
        ServerFiles files = new ServerFiles(workDir);
        Instant deadline = Instant.now().plus(timeout);
        for (String zone : zones) {
            String out = KnotServer.knotc(files.knotSocket(), "-b", "zone-reload", zone);
            if (out.isEmpty()) {
                throw new IOException("knotc zone-reload " + zone + " failed (is the testbed up?)");
            }
        }
        ServerProcess.stop(files.pid(UNBOUND), isOurs(UNBOUND), STOP_GRACE);
        ServerProcess unbound = ServerProcess.start("unbound", UnboundServer.command(files.unboundDir()),
                files.unboundDir().resolve("unbound.log"), files.pid(UNBOUND), true);
        awaitRcode(unbound, plan.resolverSocket(), tld, true, Rcode.NOERROR, deadline);
    }

    /** Stops whatever the pid files under {@code workDir} name; true if something ran. */
    public static boolean stopAll(Path workDir) throws IOException {
        ServerFiles files = new ServerFiles(workDir);
        boolean any = false;
        for (String server : List.of(UNBOUND, RELAY, LAME, KNOT)) {
            any |= ServerProcess.stop(files.pid(server), isOurs(server), STOP_GRACE);
        }
        return any;
    }

    /**
     * Each server's live process, if any, by server name (knotd, lame-knotd, unbound, and
     * delay-relay when the testbed was started with one: its pid file stays until {@code down}).
     */
    public static Map<String, Optional<ProcessHandle>> status(Path workDir) {
        ServerFiles files = new ServerFiles(workDir);
        Map<String, Optional<ProcessHandle>> status = new LinkedHashMap<>();
        for (String server : List.of(KNOT, LAME, RELAY, UNBOUND)) {
            if (!server.equals(RELAY) || Files.exists(files.pid(RELAY))) {
                status.put(server, ServerProcess.running(files.pid(server), isOurs(server)));
            }
        }
        return status;
    }

    static final String KNOT = "knotd";
    static final String LAME = "lame-knotd";
    static final String RELAY = "delay-relay";
    static final String UNBOUND = "unbound";

    /** Recognises a server's process by its program (the relay: a JVM running DelayRelay). */
    private static Predicate<ProcessHandle.Info> isOurs(String server) {
        return switch (server) {
            case RELAY -> info -> info.command().map(c -> c.endsWith("/java")).orElse(false)
                    && info.arguments().map(a -> List.of(a).contains(DelayRelay.class.getName())).orElse(false);
            case UNBOUND -> endsWith(UnboundServer.UNBOUND);
            default -> endsWith(KnotServer.KNOTD);
        };
    }

    private static Predicate<ProcessHandle.Info> endsWith(String executable) {
        return info -> info.command().map(c -> c.endsWith("/" + executable)).orElse(false);
    }

    /** The relay in its own small JVM: its classes need nothing but the JDK. */
    private static List<String> relayCommand(List<DelayRelay.Route> routes, LinkDelay link) throws IOException {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseSerialGC", "-cp", classPathOf(DelayRelay.class), DelayRelay.class.getName()));
        argv.addAll(DelayRelay.arguments(routes, link, 1));
        return argv;
    }

    private static String classPathOf(Class<?> c) throws IOException {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            throw new IOException("cannot find the classes of " + c.getName(), e);
        }
    }

    private static void awaitRcode(ServerProcess p, java.net.InetSocketAddress server, String tld, boolean recursion,
            int rcode, Instant deadline) throws IOException, InterruptedException {
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            p.requireAlive();
            try {
                Message m = DnsProbe.ask(server, tld, Type.SOA, recursion, PROBE_TIMEOUT);
                if (m.getRcode() == rcode) {
                    return;
                }
                last = Rcode.string(m.getRcode());
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(50);
        }
        throw new IOException(p.name() + " did not answer SOA " + tld + " with " + Rcode.string(rcode) + " (" + last
                + "); log " + p.log() + ":\n" + p.logTail(20));
    }

    /** Proves that Unbound primed from our hints: the root's NS set is our root server only. */
    private static void requireLocalRoot(AddressPlan plan) throws IOException {
        Message m = DnsProbe.ask(plan.resolverSocket(), ".", Type.NS, true, PROBE_TIMEOUT);
        List<String> names = new ArrayList<>();
        for (Record r : m.getSection(Section.ANSWER)) {
            if (r instanceof NSRecord ns) {
                names.add(ns.getTarget().toString());
            }
        }
        if (!names.equals(List.of(Infrastructure.ROOT_SERVER))) {
            throw new IOException("unbound's root is not the testbed's: NS . = " + names);
        }
    }

    private static Duration remaining(Instant deadline) {
        Duration d = Duration.between(Instant.now(), deadline);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** The file layout of the servers under a work directory. */
    record ServerFiles(Path workDir) {
        Path knotDir() {
            return workDir.resolve("knot");
        }

        Path knotConf() {
            return knotDir().resolve("knot.conf");
        }

        Path knotState() {
            return knotDir().resolve("state");
        }

        Path knotSocket() {
            return socket(knotState(), "knot");
        }

        Path lameDir() {
            return workDir.resolve("lame");
        }

        Path lameConf() {
            return lameDir().resolve("knot.conf");
        }

        Path lameState() {
            return lameDir().resolve("state");
        }

        Path lameSocket() {
            return socket(lameState(), "lame");
        }

        Path unboundDir() {
            return workDir.resolve("unbound");
        }

        Path relayDir() {
            return workDir.resolve("relay");
        }

        Path trustAnchor() {
            return workDir.resolve("trust-anchor.txt");
        }

        Path pid(String server) {
            return workDir.resolve("run").resolve(server + ".pid");
        }

        /**
         * A Unix socket path must stay under 108 bytes; deep work directories (JUnit's temp
         * dirs) move the socket to the system temp directory under a name derived from the path.
         */
        private static Path socket(Path dir, String name) {
            Path p = dir.resolve(name + ".sock").toAbsolutePath();
            if (p.toString().length() < 100) {
                return p;
            }
            String hash = Integer.toHexString(dir.toAbsolutePath().toString().hashCode());
            return Path.of(System.getProperty("java.io.tmpdir"), "mctb-" + hash + "-" + name + ".sock");
        }
    }
}
