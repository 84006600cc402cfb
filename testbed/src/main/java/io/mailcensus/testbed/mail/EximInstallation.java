package io.mailcensus.testbed.mail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Where the Exim binary is: Debian's exim4-daemon-light unpacked (not installed: it conflicts
 * with postfix) into {@link #cacheDir()}, with the libraries it brought on LD_LIBRARY_PATH. When
 * it is missing, {@link #locate()} runs the bundled {@code fetch-exim.sh} (apt-get download,
 * dpkg-deb -x; idempotent), which CI can also run ahead of the tests.
 *
 * @param binary the exim4 executable
 * @param environment what its process needs (LD_LIBRARY_PATH), possibly nothing
 */
public record EximInstallation(Path binary, Map<String, String> environment) {

    /** Exim's program name, for recognising our processes. */
    static final String EXECUTABLE = "exim4";
    /** The user the Debian build runs as when it drops root. */
    static final String EXIM_USER = "Debian-exim";

    private static final String SCRIPT = "fetch-exim.sh";
    private static final Duration FETCH_TIMEOUT = Duration.ofMinutes(5);

    /**
     * The unpack directory: system property {@code mailcensus.exim.dir}, else environment
     * {@code MAILCENSUS_EXIM_DIR}, else {@code $XDG_CACHE_HOME/mailcensus/exim} ({@code ~/.cache} by default).
     */
    public static Path cacheDir() {
        String prop = System.getProperty("mailcensus.exim.dir");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String env = System.getenv("MAILCENSUS_EXIM_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("mailcensus").resolve("exim");
    }

    /** The unpacked Exim, fetching it first if needed. */
    public static EximInstallation locate() throws IOException, InterruptedException {
        Path dir = cacheDir();
        Path binary = dir.resolve("usr/sbin").resolve(EXECUTABLE);
        if (!Files.isExecutable(binary) || !userExists(dir)) {
            fetch(dir);
        }
        return new EximInstallation(binary, libraryPath(dir));
    }

    private static boolean userExists(Path anyPath) throws IOException {
        try {
            anyPath.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(EXIM_USER);
            return true;
        } catch (UserPrincipalNotFoundException e) {
            return false;
        }
    }

    /** Runs the bundled fetch script into {@code dir}; it also creates the Debian-exim user (as root). */
    static void fetch(Path dir) throws IOException, InterruptedException {
        Path script = Files.createTempFile("mailcensus-fetch-exim", ".sh");
        try {
            try (InputStream in = EximInstallation.class.getResourceAsStream(SCRIPT)) {
                if (in == null) {
                    throw new IOException(SCRIPT + " is missing from the classpath");
                }
                Files.write(script, in.readAllBytes());
            }
            Process p = new ProcessBuilder("bash", script.toString(), dir.toString()).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(FETCH_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("fetching Exim took longer than " + FETCH_TIMEOUT);
            }
            if (p.exitValue() != 0) {
                throw new IOException("could not fetch Exim into " + dir + ":\n" + new String(out, StandardCharsets.UTF_8));
            }
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** LD_LIBRARY_PATH for the libraries unpacked beside the binary (those the machine lacked). */
    private static Map<String, String> libraryPath(Path dir) throws IOException {
        List<String> dirs = new ArrayList<>();
        for (Path lib : List.of(dir.resolve("usr/lib"), dir.resolve("lib"))) {
            if (!Files.isDirectory(lib)) {
                continue;
            }
            try (Stream<Path> s = Files.list(lib)) {
                s.filter(p -> p.getFileName().toString().endsWith("-linux-gnu") && Files.isDirectory(p))
                        .sorted().forEach(p -> dirs.add(p.toString()));
            }
        }
        return dirs.isEmpty() ? Map.of() : Map.of("LD_LIBRARY_PATH", String.join(":", dirs));
    }
}
