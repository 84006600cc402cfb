package io.mailcensus.store.chdb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Finds {@code libchdb.so}. In order: the system property {@value #PROPERTY}, the environment
 * variable {@value #ENV}, {@value #SYSTEM_WIDE}, then the launcher's download cache
 * ({@code $XDG_CACHE_HOME} or {@code ~/.cache}, plus {@code mailcensus/chdb/libchdb.so}).
 *
 * <p>A path set explicitly (property or environment) that does not exist is an error, not a
 * reason to look further: silently using another copy would hide the mistake.
 */
public final class ChdbLibraryLocator {

    public static final String PROPERTY = "mailcensus.chdb.lib";
    public static final String ENV = "CHDB_LIB";
    public static final String SYSTEM_WIDE = "/usr/local/lib/libchdb.so";
    static final String CACHE_SUFFIX = "mailcensus/chdb/libchdb.so";

    private final Function<String, String> properties;
    private final Function<String, String> environment;
    private final String userHome;
    private final Predicate<Path> exists;

    public ChdbLibraryLocator() {
        this(System::getProperty, System::getenv, System.getProperty("user.home"), Files::isRegularFile);
    }

    /** For tests: every outside input is injected. */
    ChdbLibraryLocator(
            Function<String, String> properties,
            Function<String, String> environment,
            String userHome,
            Predicate<Path> exists) {
        this.properties = properties;
        this.environment = environment;
        this.userHome = userHome;
        this.exists = exists;
    }

    /** The library's path; throws {@link ChdbLibraryNotFoundException} naming every place tried. */
    public Path locate() {
        String explicit = properties.apply(PROPERTY);
        if (present(explicit)) {
            return existing(Path.of(explicit), "system property " + PROPERTY);
        }
        explicit = environment.apply(ENV);
        if (present(explicit)) {
            return existing(Path.of(explicit), "environment variable " + ENV);
        }
        List<Path> tried = new ArrayList<>();
        for (Path candidate : List.of(Path.of(SYSTEM_WIDE), cachePath())) {
            if (exists.test(candidate)) {
                return candidate;
            }
            tried.add(candidate);
        }
        throw new ChdbLibraryNotFoundException(
                "The embedded ClickHouse engine (libchdb.so) was not found; looked at "
                        + tried
                        + " (and " + PROPERTY + " / " + ENV + " are not set)."
                        + " Run ./mailcensus once: the launcher downloads it (about 180 MB).");
    }

    /** Where the launcher puts the download: {@code $XDG_CACHE_HOME} or {@code ~/.cache}. */
    public Path cachePath() {
        String xdg = environment.apply("XDG_CACHE_HOME");
        Path base = present(xdg) ? Path.of(xdg) : Path.of(userHome, ".cache");
        return base.resolve(CACHE_SUFFIX);
    }

    private Path existing(Path path, String source) {
        if (!exists.test(path)) {
            throw new ChdbLibraryNotFoundException(
                    source + " points to " + path + ", which is not a file."
                            + " Fix the path, or unset it and run ./mailcensus to download the engine.");
        }
        return path;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
