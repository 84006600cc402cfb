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

    @Override
    default void close() {
        flush();
    }
}
