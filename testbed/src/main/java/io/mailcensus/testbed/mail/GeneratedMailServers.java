package io.mailcensus.testbed.mail;

import io.mailcensus.testbed.pki.DaneKey;
import io.mailcensus.testbed.pki.Leaf;
import io.mailcensus.testbed.pki.TestCa;
import io.mailcensus.testbed.server.ListeningSockets;
import io.mailcensus.testbed.zone.Infrastructure;
import io.mailcensus.testbed.zone.ServerAddress;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Postfix for every listening MX address of a generated testbed ({@code servers.tsv}): one
 * {@code IP:25} smtpd service per address, each logging under {@code postfix/<ip>} so the shared
 * log counts connections per address. STARTTLS on the providers' hosts and most of the ISP pool
 * (one pool address in ten offers none, one greets slowly: {@link #personality}); a provider's hosts present a
 * certificate naming its MX hosts, the ISP pool one certificate for the ISP's name, so most
 * self-hosted servers fail a host-name check, as many do. Nothing is accepted: every recipient is
 * rejected, and the scanner never sends MAIL FROM anyway.
 */
public final class GeneratedMailServers {

    public static final int PORT = 25;
    /** The ISP pool's certificate name. */
    public static final String ISP_CERTIFICATE_NAME = "smtp.isp.example";

    private static final Pattern CONNECT = Pattern.compile(" postfix/([0-9.]+)/smtpd\\[\\d+\\]: connect from ");
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final String MAX_PROCESSES_PER_ADDRESS = "2";

    private final Daemon master;

    private GeneratedMailServers(Daemon master) {
        this.master = master;
    }

    static Path dir(Path workDir) {
        return PostfixServer.dir(workDir);
    }

    /** Where counting starts: the size of the log once the start-up probes were logged. */
    private static Path countFrom(Path workDir) {
        return dir(workDir).resolve("count-from");
    }

    /**
     * Writes the configuration and certificates under {@code workDir/postfix}, starts the master
     * and returns once every address listens and a provider and an ISP address answered EHLO
     * with STARTTLS. IOException (nothing left running) when an address is taken or it takes
     * longer than {@code timeout}.
     */
    public static GeneratedMailServers start(Path workDir, List<ServerAddress> addresses, TestCa ca, boolean detached,
            Duration timeout) throws IOException, InterruptedException {
        if (!Files.isExecutable(PostfixServer.MASTER)) {
            throw new IOException("Postfix is not installed (" + PostfixServer.MASTER + "); as root: apt-get install postfix");
        }
        Path work = workDir.toAbsolutePath().normalize();
        Instant deadline = Instant.now().plus(timeout);
        stop(work);
        List<ServerSetup> setups = setups(work.resolve("pki"), addresses, ca);
        if (setups.isEmpty()) {
            throw new IOException("no listening MX address in the generated zones");
        }
        PortCheck.requireFree(setups.stream().map(ServerSetup::spec).toList(), PORT);

        Path dir = dir(work);
        Path conf = Files.createDirectories(dir.resolve("conf"));
        MailDirs.openToOthers(dir);
        PostfixServer.createQueue(dir);
        // A thousand services: few processes each (maxproc in master.cf), gone soon after their
        // last client. default_process_limit only sizes the listen backlog of the single tlsmgr and
        // postlogd that every new smtpd talks to: at the default 100, a full-depth scan's burst of
        // smtpd starts overflowed it, TLS was disabled in some and postlogd died (watchdog).
        Files.writeString(conf.resolve("main.cf"), PostfixConfig.mainCf(dir) + "max_idle = 10s\n"
                + "default_process_limit = 4000\n");
        Files.writeString(conf.resolve("master.cf"), PostfixConfig.masterCf(setups, PORT, MAX_PROCESSES_PER_ADDRESS));
        Path maillog = dir.resolve("maillog");
        Files.deleteIfExists(countFrom(work));
        Daemon master = Daemon.start("postfix master", List.of(PostfixServer.MASTER.toString(), "-c", conf.toString()),
                Map.of(), dir.resolve("master.out"), PostfixServer.pidFile(work), detached);
        try {
            ListeningSockets.await(setups.stream().map(s -> s.spec().address()).toList(), PORT, deadline,
                    () -> "postfix master " + (master.alive() ? "runs" : "exited") + "; log " + maillog + ":\n"
                            + Daemon.tail(maillog, 20) + "\n" + Daemon.tail(dir.resolve("master.out"), 10));
            List<ServerSetup> probed = probes(setups);
            for (ServerSetup s : probed) {
                SmtpProbe.check(new InetSocketAddress(s.spec().ip(), PORT), s.spec(), PROBE_TIMEOUT);
            }
            awaitLogged(master, maillog, probed, deadline);
            Files.writeString(countFrom(work), Files.size(maillog) + "\n");
            return new GeneratedMailServers(master);
        } catch (IOException | InterruptedException | RuntimeException e) {
            master.stop();
            throw e;
        }
    }

    /** One server setup per listening MX address, certificates written to {@code pki}. */
    static List<ServerSetup> setups(Path pki, List<ServerAddress> addresses, TestCa ca) throws IOException {
        Instant now = Instant.now();
        Map<String, Leaf> leaves = new LinkedHashMap<>();
        Map<String, Leaf.PemFiles> files = new LinkedHashMap<>();
        List<ServerSetup> setups = new ArrayList<>();
        for (ServerAddress a : addresses) {
            if (a.role() == ServerAddress.Role.WEB || !a.listens()) {
                continue;
            }
            Personality personality = personality(a);
            if (!personality.offersStartTls()) {
                setups.add(new ServerSetup(MailServerSpec.of(a.ip(), a.hostName(), personality), Optional.empty(),
                        Optional.empty()));
                continue;
            }
            String certName = certificateName(a);
            // Providers that publish DANE-EE records serve the key those records name.
            Leaf leaf = leaves.computeIfAbsent(certName, n -> Infrastructure.daneProviderDomains().contains(n)
                    ? ca.issue("smtp-" + n, certificateNames(n, addresses), now.minus(Duration.ofDays(1)),
                            now.plus(TestCa.DEFAULT_VALIDITY), DaneKey.keyPair())
                    : ca.issue("smtp-" + n, certificateNames(n, addresses),
                            now.minus(Duration.ofDays(1)), now.plus(TestCa.DEFAULT_VALIDITY)));
            Leaf.PemFiles pem = files.get(certName);
            if (pem == null) {
                pem = leaf.write(pki);
                files.put(certName, pem);
            }
            MailServerSpec spec = MailServerSpec.of(a.ip(), a.hostName(), personality);
            setups.add(new ServerSetup(spec, Optional.of(leaf), Optional.of(pem)));
        }
        return setups;
    }

    /**
     * Providers offer STARTTLS. The ISP pool is mixed, by pool index as the refused tenth is:
     * index % 10 == {@value #NO_STARTTLS_SLOT} offers no STARTTLS (EHLO without it, the only
     * "none" a scanner may report), index % 10 == {@value #SLOW_SLOT} greets only after
     * {@link Personality#SLOW_GREETING_SECONDS} s, the rest offer STARTTLS at once.
     */
    public static Personality personality(ServerAddress a) {
        if (a.role() != ServerAddress.Role.MX_ISP) {
            return Personality.POSTFIX_STARTTLS;
        }
        return switch (poolIndex(a.ip()) % 10) {
            case NO_STARTTLS_SLOT -> Personality.POSTFIX_NO_STARTTLS;
            case SLOW_SLOT -> Personality.POSTFIX_SLOW_GREETING;
            default -> Personality.POSTFIX_STARTTLS;
        };
    }

    static final int NO_STARTTLS_SLOT = 4;
    static final int SLOW_SLOT = 6;

    /** The ISP pool's index of 127.(101+i).x.y (zone.AddressPool: 254 addresses per /24, from .1). */
    static int poolIndex(String ip) {
        String[] o = ip.split("\\.");
        return (Integer.parseInt(o[1]) - 101) * 254 * 256 + Integer.parseInt(o[2]) * 254 + Integer.parseInt(o[3]) - 1;
    }

    /** A provider's domain (mailhost1.example) for its hosts, the ISP's name for the pool. */
    private static String certificateName(ServerAddress a) {
        if (a.role() == ServerAddress.Role.MX_ISP) {
            return ISP_CERTIFICATE_NAME;
        }
        String host = a.hostName();
        return host.substring(host.indexOf('.') + 1);
    }

    private static List<String> certificateNames(String certName, List<ServerAddress> addresses) {
        if (certName.equals(ISP_CERTIFICATE_NAME)) {
            return List.of(ISP_CERTIFICATE_NAME);
        }
        return addresses.stream().filter(a -> a.role() == ServerAddress.Role.MX_PROVIDER)
                .map(ServerAddress::hostName).filter(h -> h.endsWith("." + certName)).toList();
    }

    /** The first provider address and the first ISP address: enough to see that TLS works. */
    private static List<ServerSetup> probes(List<ServerSetup> setups) {
        List<ServerSetup> probes = new ArrayList<>();
        setups.stream().filter(s -> PROVIDER_HOST.matcher(s.spec().mxHostName()).matches()).findFirst().ifPresent(probes::add);
        setups.stream().filter(s -> !PROVIDER_HOST.matcher(s.spec().mxHostName()).matches()).findFirst().ifPresent(probes::add);
        return probes;
    }

    private static final Pattern PROVIDER_HOST = Pattern.compile("mx\\d+\\.mailhost\\d+\\.example");

    private static void awaitLogged(Daemon master, Path maillog, List<ServerSetup> probed, Instant deadline)
            throws IOException, InterruptedException {
        while (true) {
            Map<String, Integer> seen = count(maillog, 0);
            if (probed.stream().allMatch(s -> seen.getOrDefault(s.spec().address(), 0) > 0)) {
                return;
            }
            master.requireAlive(maillog);
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("postfix did not log the probe connections in " + maillog + ":\n"
                        + Daemon.tail(maillog, 20));
            }
            Thread.sleep(20);
        }
    }

    /**
     * SMTP connections per address since start-up (the start-up probes excluded), read from the
     * log of a running or stopped testbed; addresses without any are absent.
     */
    public static Map<String, Integer> connections(Path workDir) throws IOException {
        Path work = workDir.toAbsolutePath().normalize();
        long from = Files.isRegularFile(countFrom(work)) ? Long.parseLong(Files.readString(countFrom(work)).trim()) : 0;
        return count(dir(work).resolve("maillog"), from);
    }

    private static Map<String, Integer> count(Path maillog, long fromByte) throws IOException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (BufferedReader r = Files.newBufferedReader(maillog, StandardCharsets.UTF_8)) {
            r.skip(fromByte); // the log is ASCII: bytes and chars agree
            String line;
            while ((line = r.readLine()) != null) {
                Matcher m = CONNECT.matcher(line);
                if (m.find()) {
                    counts.merge(m.group(1), 1, Integer::sum);
                }
            }
        } catch (NoSuchFileException e) {
            return counts;
        }
        return counts;
    }

    /** The running master of {@code workDir}'s testbed, if any. */
    public static Optional<ProcessHandle> running(Path workDir) {
        Path work = workDir.toAbsolutePath().normalize();
        return Daemon.leftover(PostfixServer.pidFile(work), PostfixServer.EXECUTABLE, dir(work).resolve("conf").toString());
    }

    /** The running testbed's master.cf: one {@code IP:25 inet ... smtpd -o ...} line per address. */
    public static Path masterCf(Path workDir) {
        return dir(workDir.toAbsolutePath().normalize()).resolve("conf").resolve("master.cf");
    }

    /**
     * Makes the running master re-read master.cf ({@code postfix reload} sends the same SIGHUP):
     * services whose line changed get new smtpd processes, the old ones stop after their client.
     */
    public static void reload(Path workDir) throws IOException, InterruptedException {
        ProcessHandle master = running(workDir).orElseThrow(() -> new IOException("no Postfix runs for " + workDir));
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(master.pid())).redirectErrorStream(true).start();
        String out = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (kill.waitFor() != 0) {
            throw new IOException("kill -HUP " + master.pid() + " failed: " + out.strip());
        }
    }

    /** Stops the master and its smtpd processes; true if it ran. */
    public static boolean stop(Path workDir) throws IOException {
        return PostfixServer.stopLeftover(workDir.toAbsolutePath().normalize());
    }

    public void close() throws IOException {
        master.stop();
    }

    public boolean alive() {
        return master.alive();
    }
}
