package io.mailcensus.testbed.server;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A server run in the foreground by ProcessBuilder, with its output in a log file and its pid in
 * a pid file, so another JVM (the CLI's {@code down}) can find and stop it.
 */
public final class ServerProcess {

    private final String name;
    private final ProcessHandle handle;
    private final Path log;
    private final Path pidFile;

    private ServerProcess(String name, ProcessHandle handle, Path log, Path pidFile) {
        this.name = name;
        this.handle = handle;
        this.log = log;
        this.pidFile = pidFile;
    }

    /**
     * Starts {@code command}. A detached server gets its own session ({@code setsid}), so it
     * outlives the JVM and the terminal that started it.
     */
    public static ServerProcess start(String name, List<String> command, Path log, Path pidFile, boolean detached)
            throws IOException {
        List<String> argv = new ArrayList<>();
        if (detached && Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            argv.add("/usr/bin/setsid"); // execs in place: the pid stays the server's
        }
        argv.addAll(command);
        Files.createDirectories(log.getParent());
        Files.createDirectories(pidFile.getParent());
        Process p = new ProcessBuilder(argv)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        Files.writeString(pidFile, p.pid() + "\n");
        return new ServerProcess(name, p.toHandle(), log, pidFile);
    }

    /** The live process a pid file names, if its command is still {@code executable}. */
    public static Optional<ProcessHandle> running(Path pidFile, String executable) {
        // pids are reused: only a process running the same program is ours
        return running(pidFile, info -> info.command().map(c -> c.endsWith("/" + executable)).orElse(false));
    }

    /** The live process a pid file names, if {@code isOurs} recognises it (pids are reused). */
    public static Optional<ProcessHandle> running(Path pidFile, Predicate<ProcessHandle.Info> isOurs) {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(h -> isOurs.test(h.info()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Stops the process a pid file names (if it runs {@code executable}) and removes the pid file. */
    public static boolean stop(Path pidFile, String executable, Duration grace) throws IOException {
        return stop(running(pidFile, executable), pidFile, grace);
    }

    /** Stops the process a pid file names (if {@code isOurs} recognises it) and removes the pid file. */
    public static boolean stop(Path pidFile, Predicate<ProcessHandle.Info> isOurs, Duration grace) throws IOException {
        return stop(running(pidFile, isOurs), pidFile, grace);
    }

    private static boolean stop(Optional<ProcessHandle> h, Path pidFile, Duration grace) throws IOException {
        h.ifPresent(p -> terminate(p, grace));
        Files.deleteIfExists(pidFile);
        return h.isPresent();
    }

    public void stop(Duration grace) throws IOException {
        terminate(handle, grace);
        Files.deleteIfExists(pidFile);
    }

    /** SIGTERM, then SIGKILL after {@code grace}. */
    private static void terminate(ProcessHandle p, Duration grace) {
        if (!p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            p.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        } catch (Exception e) {
            p.destroyForcibly();
        }
    }

    public boolean alive() {
        return handle.isAlive();
    }

    public long pid() {
        return handle.pid();
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    /** The last lines of the log, for error messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Fails when the process has exited, with its log tail. */
    public void requireAlive() throws IOException {
        if (!alive()) {
            throw new IOException(name + " exited; log " + log + ":\n" + logTail(20));
        }
    }
}
