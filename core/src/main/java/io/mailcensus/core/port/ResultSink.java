package io.mailcensus.core.port;

import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.MailServerResult;

/**
 * Where workers publish results: the aggregator in-process, or Kafka topics in distributed
 * mode. Implementations may buffer; {@link #flush()} makes everything published so far durable.
 */
public interface ResultSink extends AutoCloseable {

    void publish(DomainResult result);

    void publish(MailServerResult result);

    void flush();

    /** A round's start or end of feeding; only the aggregator's sink keeps them (in the scans table). */
    default void publish(RoundEvent event) {}

    /**
     * Waits at most {@code wait} for everything published so far to be durable, without the
     * blocking of {@link #flush()}: a consumer can keep its group membership while the store is down.
     *
     * @return true when everything published so far is durable
     */
    default boolean flushed(java.time.Duration wait) {
        flush();
        return true;
    }

    @Override
    default void close() {
        flush();
    }
}
