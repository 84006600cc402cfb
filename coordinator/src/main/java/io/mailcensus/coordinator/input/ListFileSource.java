package io.mailcensus.coordinator.input;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * One domain a line; {@code #} starts a comment; blank lines are skipped. A byte-order mark
 * and CRLF line ends (lists exported from spreadsheets) are tolerated. The first field of a
 * line is the name, so {@code example.ch 2024-01-01} lists work too.
 */
public final class ListFileSource implements NameSource {

    private final Path file;
    private final InputStream stdin;

    private ListFileSource(Path file, InputStream stdin) {
        this.file = file;
        this.stdin = stdin;
    }

    public static ListFileSource of(Path file) {
        return new ListFileSource(file, null);
    }

    public static ListFileSource stdin(InputStream in) {
        return new ListFileSource(null, in);
    }

    @Override
    public void forEach(Consumer<String> sink) throws IOException {
        try (BufferedReader r = file != null
                ? Files.newBufferedReader(file, StandardCharsets.UTF_8)
                : new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8))) {
            String line;
            boolean first = true;
            while ((line = r.readLine()) != null) {
                if (first && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                first = false;
                String name = firstField(line);
                if (!name.isEmpty()) {
                    sink.accept(name);
                }
            }
        }
    }

    static String firstField(String line) {
        int hash = line.indexOf('#');
        String s = (hash >= 0 ? line.substring(0, hash) : line).strip();
        int space = indexOfWhitespace(s);
        return space >= 0 ? s.substring(0, space) : s;
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i)) || s.charAt(i) == ',' || s.charAt(i) == ';') {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String describe() {
        return file != null ? file.toString() : "stdin";
    }
}
