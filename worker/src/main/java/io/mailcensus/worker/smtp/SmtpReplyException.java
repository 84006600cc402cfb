package io.mailcensus.worker.smtp;

import io.netty.handler.codec.DecoderException;

/**
 * A server's bytes could not be taken as a bounded SMTP reply. A {@link DecoderException} so
 * Netty passes it to the handler unwrapped.
 */
public final class SmtpReplyException extends DecoderException {

    private final SmtpFailure.Kind kind;

    public SmtpReplyException(SmtpFailure.Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public SmtpFailure.Kind kind() {
        return kind;
    }
}
