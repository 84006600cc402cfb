package io.mailcensus.kafka.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Timeout(240)
class EmbeddedKafkaIT {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaIT.class);
    private static final int MESSAGES = 200_000;

    @Test
    void brokerStartsOnLoopbackCarriesMessagesAndLeavesNothingBehind() throws Exception {
        Path dir;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            dir = kafka.directory();
            assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
            assertThat(dir.resolve("logs").resolve("meta.properties")).as("storage formatted").exists();
            log.info("embedded Kafka started in {} ms", kafka.startup().toMillis());

            kafka.createTopics(Map.of("load", 12, "one", 1));
            kafka.createTopics(Map.of("load", 12)); // again: existing topics are left alone
            try (var admin = kafka.admin()) {
                var topics = admin.describeTopics(List.of("load", "one")).allTopicNames().get();
                assertThat(topics.get("load").partitions()).hasSize(12);
                assertThat(topics.get("one").partitions()).hasSize(1);
            }

            long t0 = System.nanoTime();
            try (var producer = new KafkaProducer<byte[], byte[]>(producer(kafka))) {
                for (int i = 0; i < MESSAGES; i++) {
                    byte[] key = ("d" + i + ".ch").getBytes(StandardCharsets.UTF_8);
                    producer.send(new ProducerRecord<>("load", key, new byte[100]));
                }
                producer.flush();
            }
            long produced = System.nanoTime();
            int read = 0;
            try (var consumer = new KafkaConsumer<byte[], byte[]>(consumer(kafka))) {
                consumer.subscribe(List.of("load"));
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (read < MESSAGES && System.nanoTime() < deadline) {
                    read += consumer.poll(Duration.ofMillis(200)).count();
                }
            }
            long consumed = System.nanoTime();
            assertThat(read).isEqualTo(MESSAGES);
            log.info("{} messages of 100 bytes: produced (acks=all) in {} ms, consumed in {} ms: {} messages/s end to end",
                    MESSAGES, (produced - t0) / 1_000_000, (consumed - produced) / 1_000_000,
                    Math.round(MESSAGES / ((consumed - t0) / 1e9)));
        }
        assertThat(Files.exists(dir)).as("log directory deleted on close").isFalse();
    }

    private static Properties producer(EmbeddedKafka kafka) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    private static Properties consumer(EmbeddedKafka kafka) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "load");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }
}
