package io.mailcensus.worker.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The vectors the tests read are the repository's copy; where the team's {@code shared/testdata}
 * sits beside the repository, the copy must be the same files, byte for byte, so an update there
 * is noticed here (copy it over; never edit a case).
 */
class ThirdPartyCopyTest {

    @Test
    void theCopyHoldsEveryVectorFile() throws IOException {
        assertThat(files(SharedTestData.copy()).keySet()).contains("README.md", "spf/rfc7208-tests.yml",
                "dane/danetest.in", "vectors/mox-vectors.json", "vectors/checkdmarc-vectors.json");
    }

    @Test
    void theCopyIsTheSharedShelfByteForByte() throws IOException {
        var shelf = SharedTestData.shelf();
        assumeTrue(shelf.isPresent(), "no shared/testdata beside this clone: the copy is all there is");
        Map<String, Integer> copy = files(SharedTestData.copy());
        Map<String, Integer> shared = files(shelf.get());
        assertThat(copy).as("testdata/third-party against " + shelf.get()
                + " (file -> content hash); refresh the copy with cp -r").isEqualTo(shared);
    }

    private static Map<String, Integer> files(Path root) throws IOException {
        Map<String, Integer> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString().replace('\\', '/'),
                        java.util.Arrays.hashCode(Files.readAllBytes(p)));
            }
        }
        return files;
    }
}
