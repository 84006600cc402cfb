package io.mailcensus.kafka.client;

import io.mailcensus.kafka.topic.Topics;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * How to reach the cluster: the bootstrap servers of {@code --kafka}, the client properties of
 * {@code --kafka-config FILE} (TLS, SASL, tuning) and the topic names. The file's properties
 * override mailcensus's defaults, except the serializers: every client here moves bytes and
 * does its own Avro, so that a bad record is a counted poison message, not a consumer crash.
 *
 * @param bootstrap host:port[,host:port...]
 * @param client properties for every producer and consumer (may be empty)
 */
public record KafkaSettings(String bootstrap, Properties client, Topics topics) {

    public KafkaSettings {
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException("no Kafka bootstrap servers");
        }
        Properties copy = new Properties();
        copy.putAll(client);
        client = copy;
    }

    public static KafkaSettings of(String bootstrap) {
        return new KafkaSettings(bootstrap, new Properties(), Topics.DEFAULT);
    }

    /** Adds the client properties of a Kafka properties file ({@code --kafka-config}). */
    public KafkaSettings withConfigFile(Path file) throws IOException {
        Properties p = new Properties();
        p.putAll(client);
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return new KafkaSettings(bootstrap, p, topics);
    }

    public KafkaSettings withTopics(Topics t) {
        return new KafkaSettings(bootstrap, client, t);
    }

    public KafkaSettings with(String key, Object value) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(key, String.valueOf(value));
        return new KafkaSettings(bootstrap, p, topics);
    }

    /** A durable producer: every in-sync replica has a record before it counts as sent; no duplicates from retries. */
    public Properties producer(String clientId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.putAll(client);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    /** An admin client: reads a group's committed offsets without joining it. */
    public Properties admin(String clientId) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        // consumer- and producer-only keys of a shared properties file would be logged as unknown
        p.keySet().removeIf(k -> !AdminClientConfig.configNames().contains(String.valueOf(k)));
        return p;
    }

    /**
     * A consumer in a group that commits by hand (only what is done) and starts a new group at
     * the earliest record. It uses the consumer group protocol of KIP-848 (brokers 4.0+): the
     * broker assigns partitions incrementally, and a member committing or fetching offsets during
     * a rebalance is not turned away as in the classic protocol. For older brokers set
     * {@code group.protocol=classic} in the {@code --kafka-config} file.
     */
    public Properties consumer(String groupId, String clientId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        // a worker started before the coordinator must not make a stock broker create the task
        // topics with its default of one partition: the coordinator creates them (--partitions)
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.putAll(client);
        if ("classic".equalsIgnoreCase(p.getProperty(ConsumerConfig.GROUP_PROTOCOL_CONFIG))) {
            p.putIfAbsent(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        }
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }
}
