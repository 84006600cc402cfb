package io.mailcensus.worker.spf;

/** A record, term or macro-string that RFC 7208's grammar rejects: check_host() gives permerror. */
public final class SpfSyntaxException extends Exception {

    public SpfSyntaxException(String reason) {
        super(reason, null, false, false);
    }
}
