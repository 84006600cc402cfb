package io.mailcensus.worker.smtp;

import java.util.List;

/**
 * One complete SMTP reply: a three-digit code and its lines as received (code and separator
 * included, line ending removed). Multi-line replies ({@code 250-...} then {@code 250 ...}) arrive
 * as one reply.
 */
public record SmtpReply(int code, List<String> lines) {

    public SmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("reply code out of range: " + code);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply has at least one line");
        }
    }

    public boolean isPositive() {
        return code / 100 == 2;
    }

    public boolean isTransientFailure() {
        return code / 100 == 4;
    }

    public String firstLine() {
        return lines.getFirst();
    }

    /** The text of each line, after the code and its separator. */
    public List<String> texts() {
        return lines.stream().map(line -> line.length() > 4 ? line.substring(4) : "").toList();
    }

    /** All lines joined with {@code \n}: what the store keeps as the greeting. */
    public String joined() {
        return String.join("\n", lines);
    }
}
