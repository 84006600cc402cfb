package io.mailcensus.worker.smtp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes to {@link SmtpReply}s, within {@link SmtpLimits}. Lines end in CRLF (a bare LF is taken
 * too: real servers send it). On the first violation it raises one {@link SmtpReplyException}
 * and from then on discards everything, so a hostile server cannot make it buffer more.
 *
 * <p>One reply is passed on per decode step, so when the handler sees the 220 to STARTTLS, any
 * bytes behind it are still here: {@link #bufferedBytes()} is how the handler detects STARTTLS
 * injection, and {@link #discardRest()} how it refuses them.
 */
public final class SmtpReplyDecoder extends ByteToMessageDecoder {

    private final SmtpLimits limits;
    private final List<String> lines = new ArrayList<>();
    private long totalBytes;
    private int scanned;
    private boolean discarding;

    public SmtpReplyDecoder(SmtpLimits limits) {
        this.limits = limits;
    }

    /** Bytes received but not yet part of a passed-on reply. */
    public int bufferedBytes() {
        return actualReadableBytes();
    }

    /** Drop what is buffered and everything that arrives later. */
    public void discardRest() {
        discarding = true;
        ByteBuf buffered = internalBuffer();
        buffered.skipBytes(buffered.readableBytes());
        lines.clear();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (discarding) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.isReadable() && out.isEmpty()) {
            int lineLength = nextLineLength(in);
            if (lineLength < 0) {
                return;
            }
            String line = in.readCharSequence(lineLength, StandardCharsets.ISO_8859_1).toString();
            totalBytes += lineLength;
            scanned = 0;
            if (totalBytes > limits.maxTotalBytes()) {
                throw fail(in, SmtpFailure.Kind.TOO_MANY_BYTES, "more than " + limits.maxTotalBytes() + " bytes");
            }
            accept(in, stripEnding(line), out);
        }
    }

    /** Length of the next whole line including its LF, or -1 if it has not fully arrived. */
    private int nextLineLength(ByteBuf in) {
        int available = in.readableBytes();
        // Resume the search where the last one stopped: a drip-fed line costs O(n), not O(n^2).
        int searchable = Math.min(available, limits.maxLineLength());
        int lf = in.indexOf(in.readerIndex() + scanned, in.readerIndex() + searchable, (byte) '\n');
        if (lf >= 0) {
            return lf - in.readerIndex() + 1;
        }
        scanned = searchable;
        if (available >= limits.maxLineLength()) {
            throw fail(in, SmtpFailure.Kind.LINE_TOO_LONG, "no line end within " + limits.maxLineLength() + " bytes");
        }
        if (totalBytes + available > limits.maxTotalBytes()) {
            throw fail(in, SmtpFailure.Kind.TOO_MANY_BYTES, "more than " + limits.maxTotalBytes() + " bytes");
        }
        return -1;
    }

    private void accept(ByteBuf in, String line, List<Object> out) {
        if (!hasReplyCode(line)) {
            throw fail(in, SmtpFailure.Kind.MALFORMED_REPLY, "not a reply line: " + printable(line));
        }
        if (!lines.isEmpty() && !line.regionMatches(0, lines.getFirst(), 0, 3)) {
            throw fail(in, SmtpFailure.Kind.MALFORMED_REPLY, "code changed inside a reply: " + printable(line));
        }
        if (lines.size() >= limits.maxReplyLines()) {
            throw fail(in, SmtpFailure.Kind.TOO_MANY_LINES, "more than " + limits.maxReplyLines() + " lines in one reply");
        }
        lines.add(line);
        boolean last = line.length() == 3 || line.charAt(3) != '-';
        if (last) {
            out.add(new SmtpReply(Integer.parseInt(line, 0, 3, 10), lines));
            lines.clear();
        }
    }

    private static boolean hasReplyCode(String line) {
        if (line.length() < 3 || line.charAt(0) < '2' || line.charAt(0) > '5') {
            return false;
        }
        if (!Character.isDigit(line.charAt(1)) || !Character.isDigit(line.charAt(2))) {
            return false;
        }
        return line.length() == 3 || line.charAt(3) == ' ' || line.charAt(3) == '-';
    }

    private static String stripEnding(String line) {
        int end = line.length() - 1;
        if (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        return line.substring(0, end);
    }

    private SmtpReplyException fail(ByteBuf in, SmtpFailure.Kind kind, String message) {
        discarding = true;
        in.skipBytes(in.readableBytes());
        lines.clear();
        return new SmtpReplyException(kind, message);
    }

    static String printable(String text) {
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < text.length() && shown.length() < 80; i++) {
            char c = text.charAt(i);
            shown.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return shown.toString();
    }
}
