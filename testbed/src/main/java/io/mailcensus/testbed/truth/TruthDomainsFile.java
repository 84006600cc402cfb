package io.mailcensus.testbed.truth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Reads {@code truth-domains.tsv} as a lazy stream, so it works for millions of domains. */
public final class TruthDomainsFile {

    private TruthDomainsFile() {}

    /** The lines after the header; close the stream. */
    public static Stream<DomainTruthLine> lines(Path file) throws IOException {
        BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        try {
            String header = reader.readLine();
            if (!DomainTruthLine.HEADER.equals(header)) {
                throw new IOException(file + ": unexpected header " + header);
            }
        } catch (IOException e) {
            reader.close();
            throw e;
        }
        return reader.lines().map(DomainTruthLine::parse).onClose(() -> {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Sums the metrics column: the same counts as {@code truth.json}. */
    public static Truth count(Path file) throws IOException {
        Truth truth = new Truth();
        try (Stream<DomainTruthLine> lines = lines(file)) {
            lines.forEach(truth::addLine);
        }
        return truth;
    }
}
