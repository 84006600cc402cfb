package io.mailcensus.testbed.zone;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * An IPv4 address the generated zones point at, for the testbed's mail and web servers
 * ({@code servers.tsv}: {@code role<TAB>ip<TAB>name<TAB>users<TAB>listens}).
 *
 * @param name the host name the server presents: the provider's MX host, the PTR name of an
 *     ISP address, the web host of a DNS host's pool
 * @param users how many MX hosts (mail) or domains (web) point here
 * @param listens false for the addresses where nothing is to listen (connection refused)
 */
public record ServerAddress(Role role, String ip, String name, int users, boolean listens) {

    public enum Role {
        /** An MX host of a mail provider (mxN.mailhostP.example). */
        MX_PROVIDER,
        /** A self-hosted MX address of the ISP pool, dedicated or shared. */
        MX_ISP,
        /** A web address of a DNS host's pool, or the parking address. */
        WEB
    }

    public ServerAddress {
        Objects.requireNonNull(role);
        Objects.requireNonNull(ip);
        Objects.requireNonNull(name);
    }

    /** The name without the trailing dot. */
    public String hostName() {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    static void write(Path file, List<ServerAddress> addresses) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("role\tip\tname\tusers\tlistens\n");
            for (ServerAddress a : addresses) {
                w.write(a.role() + "\t" + a.ip() + "\t" + a.name() + "\t" + a.users() + "\t" + (a.listens() ? "yes" : "no") + "\n");
            }
        }
    }

    public static List<ServerAddress> read(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().skip(1).filter(l -> !l.isBlank()).map(l -> {
            String[] f = l.split("\t");
            return new ServerAddress(Role.valueOf(f[0]), f[1], f[2], Integer.parseInt(f[3]), f[4].equals("yes"));
        }).toList();
    }
}
