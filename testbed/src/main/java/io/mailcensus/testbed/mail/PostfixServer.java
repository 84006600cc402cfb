package io.mailcensus.testbed.mail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one Postfix of a testbed: its own config, queue and log under {@code <workDir>/postfix},
 * its master run in the foreground ({@code master -c DIR}, no {@code postfix start}), so it is our
 * child and its pid is known.
 */
final class PostfixServer {

    /** Debian's daemon_directory. */
    static final Path MASTER = Path.of("/usr/lib/postfix/sbin/master");
    static final String EXECUTABLE = "master";
    /** Postfix's unprivileged user, which must own the data directory. */
    static final String MAIL_OWNER = "postfix";
    static final String POSTDROP = "postdrop";

    private final Daemon master;
    private final Map<String, ConnectionLog> logs;

    private PostfixServer(Daemon master, Map<String, ConnectionLog> logs) {
        this.master = master;
        this.logs = logs;
    }

    static Path dir(Path workDir) {
        return workDir.resolve("postfix");
    }

    static Path pidFile(Path workDir) {
        return workDir.resolve("run").resolve("postfix-master.pid");
    }

    static PostfixServer start(Path workDir, List<ServerSetup> servers, int port, Instant deadline)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(MASTER)) {
            throw new IOException("Postfix is not installed (" + MASTER + "); as root: apt-get install postfix");
        }
        Path dir = dir(workDir);
        Path conf = Files.createDirectories(dir.resolve("conf"));
        // smtpd and postlogd drop to user postfix: it must reach the queue and own its parts
        MailDirs.openToOthers(dir);
        createQueue(dir);
        Files.writeString(conf.resolve("main.cf"), PostfixConfig.mainCf(dir));
        Files.writeString(conf.resolve("master.cf"), PostfixConfig.masterCf(servers, port));
        Path maillog = dir.resolve("maillog");

        Map<String, ConnectionLog> logs = new LinkedHashMap<>();
        for (ServerSetup s : servers) {
            logs.put(s.spec().address(), ConnectionLog.postfix(maillog, s.spec().address()));
        }
        Daemon master = Daemon.start("postfix master", List.of(MASTER.toString(), "-c", conf.toString()), Map.of(),
                dir.resolve("master.out"), pidFile(workDir));
        PostfixServer server = new PostfixServer(master, logs);
        try {
            Readiness.await(master, maillog, servers, port, logs, deadline);
            return server;
        } catch (IOException | InterruptedException | RuntimeException e) {
            master.stop();
            throw e;
        }
    }

    Map<String, ConnectionLog> logs() {
        return logs;
    }

    void stop() throws IOException {
        master.stop();
    }

    static boolean stopLeftover(Path workDir) throws IOException {
        return Daemon.stopLeftover(pidFile(workDir), EXECUTABLE, dir(workDir).resolve("conf").toString());
    }

    /**
     * The parts of a queue that a master with only smtpd, postlogd, tlsmgr and anvil uses, with
     * the owners and modes "postfix check" would give them (it takes seconds; this takes none).
     */
    static void createQueue(Path dir) throws IOException {
        Path queue = dir.resolve("queue");
        UserPrincipalLookupService users = queue.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal postfix = users.lookupPrincipalByName(MAIL_OWNER);
        Files.createDirectories(queue.resolve("pid"));
        ownedBy(Files.createDirectories(queue.resolve("private")), postfix, "rwx------");
        Path pub = ownedBy(Files.createDirectories(queue.resolve("public")), postfix, "rwx--x---");
        Files.getFileAttributeView(pub, PosixFileAttributeView.class).setGroup(users.lookupPrincipalByGroupName(POSTDROP));
        ownedBy(Files.createDirectories(dir.resolve("data")), postfix, "rwx------");
    }

    private static Path ownedBy(Path p, UserPrincipal owner, String mode) throws IOException {
        Files.setOwner(p, owner);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
        return p;
    }
}
