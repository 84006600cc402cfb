package io.mailcensus.coordinator.input;

import io.mailcensus.core.name.Rejection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * One domain a line; {@code #} starts a comment; blank lines are skipped. A byte-order mark
 * and CRLF line ends (lists exported from spreadsheets) are tolerated. The first field of a
 * line is the name, so {@code example.ch 2024-01-01} lists work too. A line that is not UTF-8,
 * or longer than 1,024 bytes, is rejected with its line number and the rest is read
 * ({@link BoundedLines}): a file and stdin alike.
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
        forEach(sink, unreadable -> { });
    }

    @Override
    public void forEach(Consumer<String> sink, Consumer<Unreadable> unreadable) throws IOException {
        try (InputStream in = file != null ? Files.newInputStream(file) : stdin) {
            new BoundedLines().read(in, new BoundedLines.Visitor() {
                @Override
                public void line(long number, String text) {
                    String name = firstField(text);
                    if (!name.isEmpty()) {
                        sink.accept(name);
                    }
                }

                @Override
                public void unreadable(long number, Rejection reason, String excerpt) {
                    unreadable.accept(new Unreadable(number, reason, excerpt));
                }
            });
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
