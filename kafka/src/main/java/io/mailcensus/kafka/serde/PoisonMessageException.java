package io.mailcensus.kafka.serde;

/**
 * A record that cannot be decoded: not single-object Avro, written with a schema this process
 * does not know, or corrupt. Consumers log it, count it and skip it; it never stops a round.
 */
public final class PoisonMessageException extends RuntimeException {

    public PoisonMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
