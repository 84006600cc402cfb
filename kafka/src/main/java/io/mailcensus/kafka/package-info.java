/**
 * The distributed mode's messaging: the ports of {@code core} over Kafka topics.
 *
 * <pre>
 * coordinator --KafkaWorkSink--> scan-tasks (key domain) --KafkaWorkSource--> workers
 * workers --KafkaMxProbeSink--> mx-probe-tasks (key ip) --KafkaTaskSource--> workers (SMTP probes)
 * workers --KafkaResultSink--> domain-results, mail-server-results --KafkaResultConsumer--> store
 * </pre>
 *
 * Delivery is at-least-once everywhere: a consumer commits an offset only after what the record
 * caused is durable (the results produced, the rows in the store); the store deduplicates by key.
 * Messages are Avro single-object encoded ({@code serde}), so consumers evolve without a registry.
 * {@code broker.EmbeddedKafka} runs a real KRaft broker in-process for tests and local-cluster.
 */
package io.mailcensus.kafka;
