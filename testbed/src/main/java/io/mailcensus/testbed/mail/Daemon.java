package io.mailcensus.testbed.mail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A mail server's main process (Postfix's master, Exim's daemon) run in the foreground, its pid in
 * a pid file. Stopping it also stops its children (smtpd, per-connection Exim processes), and a
 * process left behind by a JVM that died is found again from the pid file.
 */
final class Daemon {

    static final Duration GRACE = Duration.ofSeconds(10);

    private final String name;
    private final ProcessHandle handle;
    private final Path output;
    private final Path pidFile;

    private Daemon(String name, ProcessHandle handle, Path output, Path pidFile) {
        this.name = name;
        this.handle = handle;
        this.output = output;
        this.pidFile = pidFile;
    }

    static Daemon start(String name, List<String> command, Map<String, String> environment, Path output, Path pidFile)
            throws IOException {
        return start(name, command, environment, output, pidFile, false);
    }

    /** A detached daemon gets its own session ({@code setsid}, which execs in place), so it outlives the JVM. */
    static Daemon start(String name, List<String> command, Map<String, String> environment, Path output, Path pidFile,
            boolean detached) throws IOException {
        Files.createDirectories(pidFile.getParent());
        List<String> argv = new ArrayList<>();
        if (detached && Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            argv.add("/usr/bin/setsid");
        }
        argv.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(argv)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        pb.environment().putAll(environment);
        Process p = pb.start();
        Files.writeString(pidFile, p.pid() + "\n");
        return new Daemon(name, p.toHandle(), output, pidFile);
    }

    /**
     * Stops what a pid file names, if it still is our server: its program is {@code executable}
     * and its command line mentions {@code marker} (the work directory), since pids are reused.
     */
    static boolean stopLeftover(Path pidFile, String executable, String marker) throws IOException {
        Optional<ProcessHandle> h = leftover(pidFile, executable, marker);
        h.ifPresent(Daemon::terminateTree);
        Files.deleteIfExists(pidFile);
        return h.isPresent();
    }

    static Optional<ProcessHandle> leftover(Path pidFile, String executable, String marker) {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().command().map(c -> c.endsWith("/" + executable)).orElse(false))
                    .filter(h -> h.info().arguments().map(a -> String.join(" ", a).contains(marker)).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    void stop() throws IOException {
        terminateTree(handle);
        Files.deleteIfExists(pidFile);
    }

    boolean alive() {
        return handle.isAlive();
    }

    String name() {
        return name;
    }

    /** Fails when the process has exited, with the tail of its output and of {@code log}. */
    void requireAlive(Path log) throws IOException {
        if (!alive()) {
            throw new IOException(name + " exited; output:\n" + tail(output, 10) + "\nlog " + log + ":\n" + tail(log, 20));
        }
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(none: " + e.getMessage() + ")";
        }
    }

    /**
     * SIGTERM to the process, SIGKILL after the grace period, then SIGKILL to any child still
     * alive: the children were listed first, as they are re-parented once the parent is gone.
     */
    private static void terminateTree(ProcessHandle p) {
        List<ProcessHandle> children = new ArrayList<>(p.descendants().toList());
        if (p.isAlive()) {
            p.destroy();
            try {
                p.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
        for (ProcessHandle c : children) {
            if (c.isAlive()) {
                c.destroyForcibly();
            }
        }
        for (ProcessHandle c : children) {
            try {
                c.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // a process that will not die even from SIGKILL: nothing more to do
            }
        }
    }
}
