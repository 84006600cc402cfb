package io.mailcensus.coordinator.input;

import io.mailcensus.core.name.Rejection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A zone file served to dnsjava's master-file parser one line per read, so that after a record
 * that does not parse (the parser then closes its stream) a new parser can carry on at the next
 * line: {@link #view()} is a fresh stream over the lines not yet served. On the way it takes
 * {@code $INCLUDE} lines out (handed to {@link Includes}, never to the parser) and lines over {@value #MAX_LINE_BYTES} bytes
 * (reported, skipped without being kept), and remembers the last {@code $ORIGIN} and {@code $TTL}
 * for the next parser. Not thread-safe.
 */
final class ZoneLines implements AutoCloseable {

    /** Far above any real record line (a 4096-bit RSA DNSKEY is about 700 bytes). */
    static final int MAX_LINE_BYTES = 64 * 1024;

    private final InputStream in;
    private final Consumer<NameSource.Unreadable> unreadable;
    private final Includes includes;
    private final byte[] line = new byte[MAX_LINE_BYTES];
    private final byte[] buffer = new byte[64 * 1024];
    private int bufferAt;
    private int bufferEnd;
    private long served;
    private String origin;
    private String ttl;
    private boolean eof;

    /** What to do with an {@code $INCLUDE} line; the line itself never reaches the parser. */
    interface Includes {
        /**
         * @param line the line number of the directive
         * @param file its file argument
         * @param origin its origin argument, else the origin in force (may be null)
         */
        void include(long line, String file, String origin) throws IOException;
    }

    ZoneLines(InputStream in, Consumer<NameSource.Unreadable> unreadable, Includes includes) {
        this.in = in;
        this.unreadable = unreadable;
        this.includes = includes;
    }

    /** Lines handed out so far (the number of the last one). */
    long served() {
        return served;
    }

    /** The last {@code $ORIGIN} argument seen, or null. */
    String origin() {
        return origin;
    }

    /** The last {@code $TTL} argument seen, or null. */
    String ttl() {
        return ttl;
    }

    /** The lines not yet served, as a stream a parser may close (this one stays open). */
    InputStream view() {
        return new InputStream() {
            private byte[] current = new byte[0];
            private int at;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (at == current.length) {
                    current = nextLine();
                    at = 0;
                    if (current == null) {
                        current = new byte[0];
                        return -1;
                    }
                }
                int n = Math.min(len, current.length - at);
                System.arraycopy(current, at, b, off, n);
                at += n;
                return n;
            }
        };
    }

    /** The next line with its newline, or null at the end. */
    private byte[] nextLine() throws IOException {
        if (eof) {
            return null;
        }
        int length = 0;
        boolean tooLong = false;
        int c;
        while ((c = nextByte()) >= 0 && c != '\n') {
            if (length < line.length) {
                line[length++] = (byte) c;
            } else {
                tooLong = true;
            }
        }
        if (c < 0) {
            eof = true;
            if (length == 0 && !tooLong) {
                return null;
            }
        }
        served++;
        String text = new String(line, 0, length, StandardCharsets.UTF_8);
        if (tooLong) {
            unreadable.accept(new NameSource.Unreadable(served, Rejection.LINE_TOO_LONG, text.substring(0, 60) + "..."));
            return new byte[] {'\n'};
        }
        String upper = text.stripLeading().toUpperCase(Locale.ROOT);
        if (upper.startsWith("$INCLUDE")) {
            String[] words = text.strip().split("[\\s;]+");
            if (words.length < 2) {
                unreadable.accept(new NameSource.Unreadable(served, Rejection.BAD_RECORD, "$INCLUDE without a file"));
            } else {
                includes.include(served, words[1], words.length > 2 ? words[2] : origin);
            }
            return new byte[] {'\n'};
        }
        if (upper.startsWith("$ORIGIN")) {
            origin = argument(text);
        } else if (upper.startsWith("$TTL")) {
            ttl = argument(text);
        }
        byte[] out = new byte[length + 1];
        System.arraycopy(line, 0, out, 0, length);
        out[length] = '\n';
        return out;
    }

    /** One byte from our own buffer: a read() per byte on the stream costs a lock each. */
    private int nextByte() throws IOException {
        if (bufferAt == bufferEnd) {
            bufferEnd = in.read(buffer);
            bufferAt = 0;
            if (bufferEnd <= 0) {
                bufferEnd = 0;
                return -1;
            }
        }
        return buffer[bufferAt++] & 0xff;
    }

    private static String argument(String directive) {
        String[] words = directive.strip().split("[\\s;]+");
        return words.length > 1 ? words[1] : null;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
