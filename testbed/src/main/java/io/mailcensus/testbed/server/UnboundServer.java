package io.mailcensus.testbed.server;

import io.mailcensus.testbed.zone.Infrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Unbound as the recursive resolver, confined to loopback.
 *
 * <p>Why no packet can leave loopback: (1) {@code root-hints} is our own file naming only the
 * local Knot (Unbound uses its built-in root server list only when no hints file is given);
 * (2) {@code outgoing-interface} is the resolver's own 127.53.x.2, and Linux cannot route a
 * packet with a loopback source to any other network; (3) IPv6 is off. The testbed also checks
 * at start that {@code NS .} names the local root server.
 *
 * <p>Unbound validates from the testbed root's DS ({@code trust-anchor-file}, written by
 * {@link ChainOfTrust}); it sets AD for secure answers, answers bogus ones with SERVFAIL and an
 * Extended DNS Error, and answers queries with CD set without validating.
 */
final class UnboundServer {

    static final String UNBOUND = "unbound";

    private UnboundServer() {}

    static void writeConfig(Path dir, AddressPlan plan, String tld, Path trustAnchor) throws IOException {
        Files.createDirectories(dir);
        Path hints = dir.resolve("root.hints");
        Files.writeString(hints, """
                ; root hints of the mailcensus testbed: the local Knot only
                .                        3600000 NS %1$s
                %1$s 3600000 A  %2$s
                """.formatted(Infrastructure.ROOT_SERVER, plan.authoritative().getHostAddress()));
        String resolver = plan.resolver().getHostAddress();
        Files.writeString(config(dir), """
                # mailcensus testbed: recursive resolver on loopback, talking to the local Knot only
                server:
                    verbosity: 1
                    num-threads: 1
                    interface: %1$s
                    port: 53
                    outgoing-interface: %1$s
                    do-ip4: yes
                    do-ip6: no
                    do-udp: yes
                    do-tcp: yes
                    so-reuseport: no
                    access-control: 127.0.0.0/8 allow
                    chroot: ""
                    username: ""
                    directory: "%2$s"
                    pidfile: "%2$s/unbound.own.pid"
                    use-syslog: no
                    logfile: ""
                    log-servfail: yes
                    root-hints: "%3$s"
                    module-config: "validator iterator"
                    trust-anchor-file: "%6$s"
                    # RFC 8914 Extended DNS Errors: a bogus answer says why.
                    ede: yes
                    val-log-level: 1
                    # Our name servers live on 127.53.x.x: Unbound refuses to ask 127/8 by default.
                    do-not-query-localhost: no
                    # Give up on a dead server after about two seconds and still answer the client:
                    # by default Unbound backs off up to 120 s, and drops replies older than
                    # discard-timeout, so the client would see a timeout instead of SERVFAIL.
                    infra-cache-max-rtt: 1000
                    discard-timeout: 0
                    # Unbound answers these names itself by default (RFC 6761); we serve them.
                    local-zone: "%4$s." nodefault
                    local-zone: "%5$s." nodefault
                    local-zone: "127.in-addr.arpa." nodefault
                    # A scanner sends hundreds of queries in one burst while the single thread is
                    # busy recursing: with the kernel's default 208 KiB buffer the burst overflows
                    # (netstat's RcvbufErrors) and the client sees 5 s timeouts, not answers.
                    so-rcvbuf: 4m
                    msg-cache-size: 32m
                    rrset-cache-size: 64m
                    hide-identity: yes
                    hide-version: yes
                remote-control:
                    control-enable: no
                """.formatted(resolver, dir.toAbsolutePath(), hints.toAbsolutePath(), tld, Infrastructure.ZONE,
                        trustAnchor.toAbsolutePath()));
    }

    static Path config(Path dir) {
        return dir.resolve("unbound.conf");
    }

    static List<String> command(Path dir) {
        return List.of("/usr/sbin/" + UNBOUND, "-d", "-c", config(dir).toAbsolutePath().toString());
    }
}
