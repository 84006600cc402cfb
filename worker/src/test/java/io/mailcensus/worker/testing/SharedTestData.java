package io.mailcensus.worker.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The read-only third-party vectors: the project's copy in {@code testdata/third-party}, so a clone
 * anywhere runs every test. The copy is of {@code shared/testdata}, the team's shelf beside the
 * repository; {@code ThirdPartyCopyTest} says when the two differ.
 */
public final class SharedTestData {

    private SharedTestData() {}

    public static Path path(String relative) {
        Path candidate = copy().resolve(relative);
        if (!Files.exists(candidate)) {
            throw new IllegalStateException(candidate + " not found");
        }
        return candidate;
    }

    /** {@code testdata/third-party} of the repository the tests run in. */
    public static Path copy() {
        return above("testdata/third-party")
                .orElseThrow(() -> new IllegalStateException("testdata/third-party not found above "
                        + Path.of("").toAbsolutePath()));
    }

    /** {@code shared/testdata} beside the repository, where there is one. */
    public static Optional<Path> shelf() {
        return above("shared/testdata");
    }

    private static Optional<Path> above(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate.resolve("README.md"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public static JsonNode json(String relative) {
        try {
            return new ObjectMapper().readTree(path(relative).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The entries of one section of mox-vectors.json: {input, valid, ...}. */
    public static List<JsonNode> mox(String section) {
        List<JsonNode> cases = new ArrayList<>();
        json("vectors/mox-vectors.json").get(section).forEach(cases::add);
        return cases;
    }

    /** checkdmarc cases for one parser function that need no DNS: {input, expect: parses|raises}. */
    public static List<JsonNode> checkdmarc(String function) {
        List<JsonNode> cases = new ArrayList<>();
        for (JsonNode c : json("vectors/checkdmarc-vectors.json")) {
            if (c.get("function").asText().equals(function) && !c.path("needs_dns_or_mock").asBoolean(false)) {
                cases.add(c);
            }
        }
        return cases;
    }
}
