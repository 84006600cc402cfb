package io.mailcensus.worker.smtp;

/**
 * Memory bounds for one connection. A hostile server can at most make the probe hold
 * {@code maxLineLength * maxReplyLines} characters of one reply, and read {@code maxTotalBytes}.
 *
 * @param maxLineLength bytes in one line, line ending included (RFC 5321 4.5.3.1.5: 512)
 * @param maxReplyLines lines in one reply (real EHLO replies have about 10-20)
 * @param maxTotalBytes bytes over the whole connection, decrypted bytes after STARTTLS
 */
public record SmtpLimits(int maxLineLength, int maxReplyLines, long maxTotalBytes) {

    public static final SmtpLimits DEFAULTS = new SmtpLimits(1024, 100, 64 * 1024);

    public SmtpLimits {
        if (maxLineLength < 8 || maxReplyLines < 1 || maxTotalBytes < maxLineLength) {
            throw new IllegalArgumentException("implausible SMTP limits: " + maxLineLength + ", "
                    + maxReplyLines + ", " + maxTotalBytes);
        }
    }
}
