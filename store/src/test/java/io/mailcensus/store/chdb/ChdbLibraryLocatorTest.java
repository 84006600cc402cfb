package io.mailcensus.store.chdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChdbLibraryLocatorTest {

    private static ChdbLibraryLocator locator(Map<String, String> props, Map<String, String> env, Set<String> files) {
        return new ChdbLibraryLocator(props::get, env::get, "/home/u", p -> files.contains(p.toString()));
    }

    @Test
    void systemPropertyComesFirst() {
        var located = locator(Map.of(ChdbLibraryLocator.PROPERTY, "/opt/a.so"), Map.of("CHDB_LIB", "/opt/b.so"),
                Set.of("/opt/a.so", "/opt/b.so", "/usr/local/lib/libchdb.so")).locate();

        assertThat(located).isEqualTo(Path.of("/opt/a.so"));
    }

    @Test
    void environmentComesBeforeTheStandardPlaces() {
        var located = locator(Map.of(), Map.of("CHDB_LIB", "/opt/b.so"),
                Set.of("/opt/b.so", "/usr/local/lib/libchdb.so")).locate();

        assertThat(located).isEqualTo(Path.of("/opt/b.so"));
    }

    @Test
    void systemWideInstallComesBeforeTheCache() {
        var located = locator(Map.of(), Map.of(),
                Set.of("/usr/local/lib/libchdb.so", "/home/u/.cache/mailcensus/chdb/libchdb.so")).locate();

        assertThat(located).isEqualTo(Path.of("/usr/local/lib/libchdb.so"));
    }

    @Test
    void cacheFollowsXdgCacheHomeOrDefaultsToDotCache() {
        assertThat(locator(Map.of(), Map.of(), Set.of("/home/u/.cache/mailcensus/chdb/libchdb.so")).locate())
                .isEqualTo(Path.of("/home/u/.cache/mailcensus/chdb/libchdb.so"));
        assertThat(locator(Map.of(), Map.of("XDG_CACHE_HOME", "/var/cache/u"),
                Set.of("/var/cache/u/mailcensus/chdb/libchdb.so")).locate())
                .isEqualTo(Path.of("/var/cache/u/mailcensus/chdb/libchdb.so"));
    }

    @Test
    void anExplicitPathThatDoesNotExistIsAnErrorNotAFallThrough() {
        assertThatThrownBy(() -> locator(Map.of(), Map.of("CHDB_LIB", "/nope.so"),
                Set.of("/usr/local/lib/libchdb.so")).locate())
                .isInstanceOf(ChdbLibraryNotFoundException.class)
                .hasMessageContaining("CHDB_LIB")
                .hasMessageContaining("/nope.so");
    }

    @Test
    void missingEverywhereTellsWhereItLookedAndToRunTheLauncher() {
        assertThatThrownBy(() -> locator(Map.of(), Map.of(), Set.of()).locate())
                .isInstanceOf(ChdbLibraryNotFoundException.class)
                .hasMessageContaining("/usr/local/lib/libchdb.so")
                .hasMessageContaining("/home/u/.cache/mailcensus/chdb/libchdb.so")
                .hasMessageContaining("./mailcensus");
    }
}
