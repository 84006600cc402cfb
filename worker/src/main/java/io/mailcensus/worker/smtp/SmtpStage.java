package io.mailcensus.worker.smtp;

/** The steps of a probe, in order. Each has its own timer; the whole probe has a deadline. */
public enum SmtpStage {
    CONNECT,
    GREETING,
    EHLO,
    HELO,
    STARTTLS,
    TLS_HANDSHAKE,
    EHLO_TLS,
    QUIT,
    DONE
}
