package io.mailcensus.worker.smtp;

/**
 * Why a probe ended before its QUIT was answered. Outcomes are data: the probe never throws for
 * anything a server can do.
 *
 * @param stage where the conversation was when it ended
 * @param detail free text for people (exception message, offending reply line, ...)
 */
public record SmtpFailure(Kind kind, SmtpStage stage, String detail) {

    public enum Kind {
        /** TCP reset on connect. */
        REFUSED,
        /** No route, host down, network unreachable. */
        UNREACHABLE,
        /** The stage's own timer ran out (connect, greeting, a reply, the TLS handshake). */
        TIMEOUT,
        /** The whole-probe deadline ran out (a server that answers each step just in time). */
        DEADLINE,
        /** A reply line longer than the cap, or an endless line. */
        LINE_TOO_LONG,
        /** A reply with more lines than the cap (endless multi-line greeting, huge EHLO). */
        TOO_MANY_LINES,
        /** More bytes than the per-connection cap. */
        TOO_MANY_BYTES,
        /** Not an SMTP reply (no code, mixed codes in one reply, code out of range). */
        MALFORMED_REPLY,
        /** The server refused the session (4xx/5xx greeting, both EHLO and HELO refused) or said "not now" (a 4xx to EHLO or STARTTLS). */
        REJECTED,
        /** Bytes followed the 220 to STARTTLS before the TLS upgrade (CVE-2011-0411 style). */
        STARTTLS_INJECTION,
        /** The TLS handshake failed (garbage after STARTTLS, no common cipher, ...). */
        TLS_FAILED,
        /** The server closed the connection before the conversation ended. */
        CLOSED,
        /** Anything else (local resource problems, bugs). */
        ERROR
    }

    @Override
    public String toString() {
        return kind + " at " + stage + (detail == null || detail.isEmpty() ? "" : ": " + detail);
    }
}
