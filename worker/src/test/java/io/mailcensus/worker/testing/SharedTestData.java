package io.mailcensus.worker.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The read-only third-party vectors in {@code shared/testdata}, found next to the project. */
public final class SharedTestData {

    private SharedTestData() {}

    public static Path path(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/testdata").resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/testdata/" + relative + " not found above " + Path.of("").toAbsolutePath());
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
