package io.mailcensus.testbed.server;

import io.mailcensus.testbed.zone.ZoneLayout;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Knot DNS configuration and readiness. One knotd serves the root, the TLD, the infrastructure
 * zone, the reverse zone and one zone per child domain (real delegations: NS and DS at the
 * parent). A second knotd with no zones answers REFUSED to everything: the lame server.
 */
final class KnotServer {
    // The root, the TLD, the infrastructure zone and a share of the children use template "signed": Knot makes a key per
    // zone (policy "testbed") and signs at load; ChainOfTrust then writes the DS records.

    static final String KNOTD = "knotd";
    static final String KNOTC = "/usr/sbin/knotc";
    /** The zones besides the children: root, TLD, infrastructure, reverse. */
    static final int INFRA_ZONES = 4;

    private static final Pattern LOADED = Pattern.compile("\\| serial: \\d+");

    private KnotServer() {}

    /**
     * The main server's config. Zone files are never written back (zonefile-sync: -1). Knot
     * listens on {@code listen}: the plan's authoritative address, or the one behind the relay.
     */
    static void writeConfig(Path conf, Path stateDir, Path socket, InetAddress listen, ZoneLayout layout, String tld)
            throws IOException {
        Files.createDirectories(stateDir.resolve("db"));
        String text = """
                # mailcensus testbed: authoritative server for the root, the TLD and every child zone
                server:
                    rundir: "%1$s"
                    listen: [ "%2$s@53" ]
                    udp-workers: 2
                    tcp-workers: 1
                    background-workers: 2
                control:
                    listen: "%3$s"
                log:
                  - target: stderr
                    server: info
                    control: warning
                    zone: warning
                database:
                    storage: "%1$s/db"
                policy:
                  # One ECDSA P-256 key per zone (a CSK), NSEC, no rollovers: cheap to sign at start-up.
                  - id: testbed
                    algorithm: ecdsap256sha256
                    single-type-signing: on
                    nsec3: off
                    ksk-lifetime: 0
                    zsk-lifetime: 0
                template:
                  - id: default
                    storage: "%4$s"
                    file: "%5$s"
                    zonefile-sync: -1
                    zonefile-load: whole
                    journal-content: none
                    semantic-checks: off
                  - id: signed
                    storage: "%4$s"
                    file: "%5$s"
                    zonefile-sync: -1
                    zonefile-load: whole
                    journal-content: none
                    semantic-checks: off
                    dnssec-signing: on
                    dnssec-policy: testbed
                zone:
                  - domain: "."
                    file: "%6$s"
                    template: signed
                  - domain: "%7$s."
                    file: "%8$s"
                    template: signed
                  - domain: "%9$s."
                    file: "%10$s"
                    template: signed
                  - domain: "127.in-addr.arpa."
                    file: "%11$s"
                include: "%12$s"
                """.formatted(
                stateDir.toAbsolutePath(), listen.getHostAddress(), socket.toAbsolutePath(),
                layout.zonesDir().toAbsolutePath(), ZoneLayout.CHILD_FILE_TEMPLATE,
                InfraZones.rootZone(layout).getFileName(),
                io.mailcensus.testbed.zone.Infrastructure.ZONE, InfraZones.infraZone(layout).getFileName(),
                tld, layout.tldZone().getFileName(), layout.reverseZone().getFileName(),
                layout.childZonesConf().toAbsolutePath());
        Files.writeString(conf, text);
    }

    /** The lame server: no zones, so every question gets REFUSED. */
    static void writeLameConfig(Path conf, Path stateDir, Path socket, InetAddress listen) throws IOException {
        Files.createDirectories(stateDir.resolve("db"));
        Files.writeString(conf, """
                # mailcensus testbed: a name server that serves nothing (REFUSED), for lame delegations
                server:
                    rundir: "%1$s"
                    listen: [ "%2$s@53" ]
                    udp-workers: 1
                    tcp-workers: 1
                    background-workers: 1
                control:
                    listen: "%3$s"
                log:
                  - target: stderr
                    any: warning
                database:
                    storage: "%1$s/db"
                """.formatted(stateDir.toAbsolutePath(), listen.getHostAddress(), socket.toAbsolutePath()));
    }

    static List<String> command(Path conf) {
        return List.of("/usr/sbin/" + KNOTD, "-c", conf.toAbsolutePath().toString());
    }

    /**
     * Waits until knotd reports every zone loaded ({@code knotc zone-status} shows a serial for
     * each). Knot answers queries before it has loaded all zones, so a DNS probe is not enough.
     */
    static void awaitZonesLoaded(ServerProcess knot, Path socket, int expectedZones, Duration timeout)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            knot.requireAlive();
            long pause = 100;
            if (Files.exists(socket)) {
                long t0 = System.nanoTime();
                String status = knotc(socket, "zone-status");
                // Listing 100,000 zones takes knotc half a second: poll less often than that,
                // or the listing competes with the loading for the two cores.
                pause = Math.max(pause, 2 * (System.nanoTime() - t0) / 1_000_000);
                int loaded = 0;
                Matcher m = LOADED.matcher(status);
                while (m.find()) {
                    loaded++;
                }
                if (loaded >= expectedZones) {
                    return;
                }
                last = loaded + " of " + expectedZones + " zones loaded";
            }
            Thread.sleep(pause);
        }
        throw new IOException("knotd not ready after " + timeout + " (" + last + "); log " + knot.log() + ":\n"
                + knot.logTail(20));
    }

    /** Runs knotc against a control socket and returns its output (empty on failure). */
    static String knotc(Path socket, String... args) throws IOException, InterruptedException {
        List<String> argv = new java.util.ArrayList<>(List.of(KNOTC, "-s", socket.toAbsolutePath().toString(), "-t", "10"));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "";
        }
        return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : "";
    }
}
