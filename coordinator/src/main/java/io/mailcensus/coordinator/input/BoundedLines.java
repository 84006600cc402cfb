package io.mailcensus.coordinator.input;

import io.mailcensus.core.name.Rejection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Lines of a byte stream in bounded memory: each line is decoded as UTF-8 on its own, so a
 * Latin-1 byte costs that line, not the scan; a line over {@value #MAX_LINE_BYTES} bytes is
 * skipped to its newline without being kept (a 200 MB line costs a 64 KiB buffer). A byte-order
 * mark on the first line and CR before LF are dropped. Not thread-safe.
 */
final class BoundedLines {

    /** A domain name is at most 253 bytes; the rest is room for a comment or a second column. */
    static final int MAX_LINE_BYTES = 1024;
    private static final int EXCERPT_BYTES = 60;

    /** What the lines are handed to. */
    interface Visitor {
        void line(long number, String text);

        void unreadable(long number, Rejection reason, String excerpt);
    }

    private final CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] line = new byte[MAX_LINE_BYTES + 1];

    void read(InputStream in, Visitor visitor) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long number = 1;
        int length = 0;
        boolean tooLong = false;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (b == '\n') {
                    finish(number++, length, tooLong, visitor);
                    length = 0;
                    tooLong = false;
                } else if (length < line.length) {
                    line[length++] = b;
                } else {
                    tooLong = true; // keep the first bytes for the excerpt, drop the rest
                }
            }
        }
        if (length > 0 || tooLong) {
            finish(number, length, tooLong, visitor);
        }
    }

    private void finish(long number, int length, boolean tooLong, Visitor visitor) {
        int start = number == 1 && length >= 3 && (line[0] & 0xff) == 0xef && (line[1] & 0xff) == 0xbb
                && (line[2] & 0xff) == 0xbf ? 3 : 0;
        int end = length > start && line[length - 1] == '\r' ? length - 1 : length;
        if (tooLong || end - start > MAX_LINE_BYTES) {
            visitor.unreadable(number, Rejection.LINE_TOO_LONG, excerpt(start, end) + "...");
            return;
        }
        try {
            visitor.line(number, strict.decode(ByteBuffer.wrap(line, start, end - start)).toString());
        } catch (CharacterCodingException e) {
            visitor.unreadable(number, Rejection.NOT_UTF8, excerpt(start, end));
        }
    }

    /** The line's start as text, bad bytes as U+FFFD, for the operator to find the line. */
    private String excerpt(int start, int end) {
        return new String(line, start, Math.min(end - start, EXCERPT_BYTES), StandardCharsets.UTF_8);
    }
}
