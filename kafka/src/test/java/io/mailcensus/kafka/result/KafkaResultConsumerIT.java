package io.mailcensus.kafka.result;

import static io.mailcensus.kafka.Messages.domainResult;
import static io.mailcensus.kafka.Messages.mailServerResult;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.kafka.broker.EmbeddedKafka;
import io.mailcensus.kafka.client.KafkaSettings;
import io.mailcensus.kafka.topic.Topics;
import io.mailcensus.schemas.DomainResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Workers' result sink to the aggregator's consumer on a real KRaft broker. */
@Timeout(180)
class KafkaResultConsumerIT {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void everyResultReachesTheStoreAndIsCommittedAfterItsFlush() throws Exception {
        KafkaSettings s = settings("r1.", 6);
        publish(s, 2_000, 200);
        try (var raw = new KafkaProducer<byte[], byte[]>(s.producer("raw"))) {
            raw.send(new ProducerRecord<>(s.topics().domainResults(), "garbage".getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
        RecordingSink store = new RecordingSink(false);
        var options = new KafkaResultConsumer.Options("aggregator", 500, Duration.ofMillis(500));
        try (var consumer = new KafkaResultConsumer(s, options, store)) {
            consumer.start();
            await(() -> consumer.caughtUp(), "caught up");
            assertThat(consumer.consumed()).isEqualTo(2_200);
            assertThat(consumer.poisonMessages()).isEqualTo(1);
            assertThat(consumer.committed()).isEqualTo(2_201);
        }
        assertThat(store.domains).hasSize(2_000);
        assertThat(store.servers).hasSize(200);
        Set<String> domains = new HashSet<>();
        store.domains.forEach(d -> domains.add(d.getDomain()));
        assertThat(domains).hasSize(2_000);
        assertThat(store.flushes).as("stored before committed").isPositive();
        assertCommittedToTheEnd(s.topics().results(), "aggregator");
    }

    @Test
    void resultsAreReadAgainWhenTheStoreNeverAcceptedThem() throws Exception {
        KafkaSettings s = settings("r2.", 2);
        publish(s, 300, 30);
        RecordingSink down = new RecordingSink(true);
        var options = new KafkaResultConsumer.Options("aggregator", 100, Duration.ofMillis(200));
        var failing = new KafkaResultConsumer(s, options, down);
        Thread t = failing.start();
        t.join(60_000);
        assertThat(t.isAlive()).as("a store failure ends the consumer").isFalse();
        assertThat(failing.committed()).isZero();

        RecordingSink store = new RecordingSink(false);
        try (var consumer = new KafkaResultConsumer(s, options, store)) {
            consumer.start();
            await(consumer::caughtUp, "caught up");
        }
        assertThat(store.stored()).as("nothing was lost").isEqualTo(330);
        assertCommittedToTheEnd(s.topics().results(), "aggregator");
    }

    private static KafkaSettings settings(String prefix, int partitions) {
        Topics topics = new Topics(prefix);
        kafka.createTopics(topics.all(), partitions);
        return KafkaSettings.of(kafka.bootstrapServers()).withTopics(topics);
    }

    private static void publish(KafkaSettings s, int domains, int servers) {
        try (var sink = new KafkaResultSink(s)) {
            for (int i = 0; i < domains; i++) {
                DomainResult r = domainResult("scan-1", "d" + i + ".ch");
                sink.publish(r);
            }
            for (int i = 0; i < servers; i++) {
                sink.publish(mailServerResult("scan-1", "mx" + i + ".example.ch", "192.0.2." + (i % 250)));
            }
            sink.flush();
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not " + what + " within 90 s");
            }
            Thread.sleep(50);
        }
    }

    private static void assertCommittedToTheEnd(List<String> topics, String group) throws Exception {
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get().forEach((name, d) -> d.partitions()
                    .forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            admin.listOffsets(latest).all().get().forEach((tp, end) -> {
                if (end.offset() > 0) {
                    assertThat(committed.get(tp)).as(tp + " committed").isNotNull();
                    assertThat(committed.get(tp).offset()).as(tp + " committed to the end").isEqualTo(end.offset());
                }
            });
        }
    }
}
