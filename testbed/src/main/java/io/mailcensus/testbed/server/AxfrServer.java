package io.mailcensus.testbed.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A knotd that serves one zone file for zone transfers (AXFR) on a loopback address and port of
 * the caller's choice, open to anyone or only to holders of one TSIG key: the primary a
 * coordinator's {@code --axfr} reads from, as SWITCH serves the .ch zone.
 *
 * <pre>{@code
 * var key = new AxfrServer.TsigKey("hmac-sha256", "transfer", "c2VjcmV0...");
 * try (AxfrServer primary = AxfrServer.start(dir, "ch.", zoneFile, new InetSocketAddress("127.54.0.1", 5353), key,
 *         Duration.ofSeconds(30))) { ... }
 * }</pre>
 */
public final class AxfrServer implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    /** A TSIG key in Knot's terms: {@code algorithm} as {@code hmac-sha256}, {@code secret} base64. */
    public record TsigKey(String algorithm, String name, String secret) {
        @Override
        public String toString() {
            return algorithm + ":" + name; // never the secret
        }
    }

    private final ServerProcess knot;
    private final InetSocketAddress address;

    private AxfrServer(ServerProcess knot, InetSocketAddress address) {
        this.knot = knot;
        this.address = address;
    }

    /**
     * Writes the config under {@code workDir}, starts knotd and returns once the zone is loaded.
     *
     * @param key the only key allowed to transfer, or null to allow unsigned transfers
     */
    public static AxfrServer start(Path workDir, String zoneName, Path zoneFile, InetSocketAddress listen, TsigKey key,
            Duration timeout) throws IOException, InterruptedException {
        Path state = workDir.resolve("state");
        Files.createDirectories(state.resolve("db"));
        Path conf = workDir.resolve("knot.conf");
        Path socket = state.resolve("knot.sock");
        Files.writeString(conf, config(state, socket, zoneName, zoneFile, listen, key));
        ServerProcess knot = ServerProcess.start("axfr knotd", KnotServer.command(conf), workDir.resolve("knotd.log"),
                workDir.resolve("knotd.pid"), false);
        try {
            KnotServer.awaitZonesLoaded(knot, socket, 1, timeout);
        } catch (IOException | InterruptedException | RuntimeException e) {
            knot.stop(STOP_GRACE);
            throw e;
        }
        return new AxfrServer(knot, listen);
    }

    static String config(Path state, Path socket, String zoneName, Path zoneFile, InetSocketAddress listen, TsigKey key) {
        String host = listen.getAddress().getHostAddress();
        String keys = key == null ? "" : """
                key:
                  - id: "%s"
                    algorithm: %s
                    secret: %s
                """.formatted(key.name(), key.algorithm(), key.secret());
        String acl = """
                acl:
                  - id: transfer
                    address: [ "127.0.0.0/8", "::1" ]
                    action: transfer
                %s""".formatted(key == null ? "" : "    key: \"" + key.name() + "\"\n");
        String zone = zoneName.endsWith(".") ? zoneName : zoneName + ".";
        return """
                # mailcensus testbed: a primary that serves one zone over AXFR
                server:
                    rundir: "%1$s"
                    listen: [ "%2$s@%3$d" ]
                    udp-workers: 1
                    tcp-workers: 1
                    background-workers: 1
                control:
                    listen: "%4$s"
                log:
                  - target: stderr
                    any: info
                database:
                    storage: "%1$s/db"
                %5$s%6$s
                zone:
                  - domain: "%7$s"
                    storage: "%8$s"
                    file: "%9$s"
                    zonefile-sync: -1
                    zonefile-load: whole
                    journal-content: none
                    semantic-checks: off
                    acl: transfer
                """.formatted(state.toAbsolutePath(), host, listen.getPort(), socket.toAbsolutePath(), keys, acl, zone,
                zoneFile.toAbsolutePath().getParent(), zoneFile.getFileName());
    }

    public InetSocketAddress address() {
        return address;
    }

    /** The server's log (Knot logs each transfer and each refused one). */
    public Path log() {
        return knot.log();
    }

    public String logTail(int lines) {
        return knot.logTail(lines);
    }

    @Override
    public void close() throws IOException {
        knot.stop(STOP_GRACE);
    }
}
