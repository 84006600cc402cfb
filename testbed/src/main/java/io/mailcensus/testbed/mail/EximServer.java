package io.mailcensus.testbed.mail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One Exim daemon for one address, under {@code <workDir>/exim-<ip>}: run in the foreground
 * ({@code -bdf}) with its own configuration ({@code -C}), as root so it may bind port 25.
 */
final class EximServer {

    private final Daemon daemon;
    private final ConnectionLog log;

    private EximServer(Daemon daemon, ConnectionLog log) {
        this.daemon = daemon;
        this.log = log;
    }

    static Path dir(Path workDir, String ip) {
        return workDir.resolve("exim-" + fileSafe(ip));
    }

    static Path pidFile(Path workDir, String ip) {
        return workDir.resolve("run").resolve("exim-" + fileSafe(ip) + ".pid");
    }

    /** Exim reads {@code -C} as a colon-separated list: an IPv6 address must not put colons in the path. */
    private static String fileSafe(String ip) {
        return ip.replace(':', '_');
    }

    static EximServer start(Path workDir, EximInstallation exim, ServerSetup setup, int port, Instant deadline)
            throws IOException, InterruptedException {
        String ip = setup.spec().address();
        Path dir = dir(workDir, ip);
        Files.createDirectories(dir);
        MailDirs.openToOthers(dir);
        UserPrincipal eximUser = dir.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName(EximInstallation.EXIM_USER);
        for (String sub : List.of("spool", "log")) {
            Files.setOwner(Files.createDirectories(dir.resolve(sub)), eximUser);
        }
        // Exim reads the key after dropping root, as its own user
        if (setup.files().isPresent()) {
            Files.setOwner(setup.files().get().key(), eximUser);
            for (var sni : setup.sniFiles().values()) {
                Files.setOwner(sni.key(), eximUser);
            }
        }
        Path conf = dir.resolve("exim.conf");
        Files.writeString(conf, EximConfig.text(setup, dir, exim.binary()));

        Path mainlog = dir.resolve("log").resolve("mainlog");
        ConnectionLog connections = ConnectionLog.exim(mainlog);
        // no -oP: with -oX and without it Exim writes no pid file of its own (the Daemon keeps one),
        // so it need not re-run itself at exit, which it could not as Debian-exim from root's cache
        List<String> command = List.of(exim.binary().toString(), "-C", conf.toString(), "-bdf",
                "-oX", Integer.toString(port));
        Daemon daemon = Daemon.start("exim on " + ip, command, exim.environment(), dir.resolve("exim.out"),
                pidFile(workDir, ip));
        try {
            Readiness.await(daemon, mainlog, List.of(setup), port, Map.of(ip, connections), deadline);
            return new EximServer(daemon, connections);
        } catch (IOException | InterruptedException | RuntimeException e) {
            daemon.stop();
            throw e;
        }
    }

    ConnectionLog log() {
        return log;
    }

    void stop() throws IOException {
        daemon.stop();
    }

    /** Stops every Exim a pid file under {@code workDir/run} names, if it is still ours. */
    static boolean stopLeftovers(Path workDir) throws IOException {
        Path run = workDir.resolve("run");
        if (!Files.isDirectory(run)) {
            return false;
        }
        List<Path> pidFiles;
        try (Stream<Path> s = Files.list(run)) {
            pidFiles = s.filter(p -> p.getFileName().toString().matches("exim-.*\\.pid")).toList();
        }
        boolean any = false;
        for (Path pidFile : pidFiles) {
            any |= Daemon.stopLeftover(pidFile, EximInstallation.EXECUTABLE, workDir.toAbsolutePath().toString());
        }
        return any;
    }
}
