package io.mailcensus.testbed.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The IPv4 addresses with a listening TCP socket on a port, read from {@code /proc/net/tcp}: a
 * server with a thousand addresses is checked at once, without a connection that would make it
 * fork a process and log a client.
 */
public final class ListeningSockets {

    private static final Path PROC_TCP = Path.of("/proc/net/tcp");
    private static final String LISTEN = "0A";

    private ListeningSockets() {}

    public static Set<String> ipv4(int port) throws IOException {
        return listening(Files.readAllLines(PROC_TCP), port);
    }

    /** The local addresses of the LISTEN sockets on {@code port} in the lines of {@code /proc/net/tcp}. */
    static Set<String> listening(List<String> lines, int port) {
        Set<String> listening = new HashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split("\\s+");
            String[] local = f[1].split(":");
            if (f[3].equals(LISTEN) && Integer.parseInt(local[1], 16) == port) {
                listening.add(ipv4FromHex(local[0]));
            }
        }
        return listening;
    }

    /** {@code /proc/net/tcp} writes the address as a host-order (little-endian) 32-bit hex number. */
    static String ipv4FromHex(String hex) {
        long v = Long.parseLong(hex, 16);
        return (v & 0xff) + "." + ((v >> 8) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 24) & 0xff);
    }

    /**
     * Waits until every address listens on {@code port}; IOException naming some that do not
     * (with {@code why}, e.g. the server's log tail) when {@code deadline} passes.
     */
    public static void await(Collection<String> addresses, int port, Instant deadline, java.util.function.Supplier<String> why)
            throws IOException, InterruptedException {
        while (true) {
            Set<String> missing = new TreeSet<>(addresses);
            missing.removeAll(ipv4(port));
            if (missing.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IOException(missing.size() + " of " + addresses.size() + " addresses do not listen on port "
                        + port + " (e.g. " + missing.stream().limit(5).toList() + "): " + why.get());
            }
            Thread.sleep(50);
        }
    }

    /** Fails, naming the address, when one of {@code addresses} cannot be bound on {@code port}. */
    public static void requireFree(Collection<String> addresses, int port, String server) throws IOException {
        for (String ip : addresses) {
            InetSocketAddress a = new InetSocketAddress(InetAddress.ofLiteral(ip), port);
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(a);
            } catch (IOException e) {
                throw new IOException(server + " cannot listen on " + ip + ":" + port + " (" + e.getMessage()
                        + "): another server holds it, or 0.0.0.0:" + port + " (another testbed with --servers yes?)", e);
            }
        }
    }
}
