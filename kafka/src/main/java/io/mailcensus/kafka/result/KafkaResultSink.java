package io.mailcensus.kafka.result;

import io.mailcensus.core.metrics.Metrics;
import io.mailcensus.core.metrics.RoundGauges;
import io.mailcensus.core.port.ResultSink;
import io.mailcensus.kafka.client.DurableProducer;
import io.mailcensus.kafka.client.KafkaSettings;
import io.mailcensus.kafka.serde.Serdes;
import io.mailcensus.kafka.topic.TopicKeys;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.MailServerResult;

/**
 * The workers' {@link ResultSink}: results into the domain-results and mail-server-results
 * topics (acks=all, idempotent), keyed by the row the store deduplicates on. {@link #flush()}
 * returns when everything published is in Kafka and throws if anything could not be written;
 * the work source runs it before committing task offsets.
 */
public final class KafkaResultSink implements ResultSink {

    private final DurableProducer producer;
    private final String domainTopic;
    private final String serverTopic;
    private final RoundGauges probed;

    public KafkaResultSink(KafkaSettings settings) {
        this(settings, Metrics.none());
    }

    /** Also counts the domain results it publishes per round ({@code mailcensus_round_tasks{count="probed"}}). */
    public KafkaResultSink(KafkaSettings settings, Metrics metrics) {
        this.probed = new RoundGauges(metrics, "probed");
        this.producer = new DurableProducer(settings, "mailcensus-worker-results");
        this.domainTopic = settings.topics().domainResults();
        this.serverTopic = settings.topics().mailServerResults();
    }

    @Override
    public void publish(DomainResult result) {
        producer.send(domainTopic, TopicKeys.domainResult(result), Serdes.DOMAIN_RESULT.encode(result));
        probed.add(result.getScanId(), 1);
    }

    @Override
    public void publish(MailServerResult result) {
        producer.send(serverTopic, TopicKeys.mailServerResult(result), Serdes.MAIL_SERVER_RESULT.encode(result));
    }

    @Override
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
