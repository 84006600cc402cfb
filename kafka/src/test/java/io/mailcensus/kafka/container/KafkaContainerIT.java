package io.mailcensus.kafka.container;

import static io.mailcensus.kafka.Messages.domainResult;
import static io.mailcensus.kafka.Messages.scanTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.core.port.ResultSink;
import io.mailcensus.kafka.client.KafkaSettings;
import io.mailcensus.kafka.client.TopicCreator;
import io.mailcensus.kafka.result.KafkaResultConsumer;
import io.mailcensus.kafka.result.KafkaResultSink;
import io.mailcensus.kafka.topic.Topics;
import io.mailcensus.kafka.work.KafkaTaskSource;
import io.mailcensus.kafka.work.KafkaWorkSink;
import io.mailcensus.kafka.work.KafkaWorkSource;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.schemas.ScanTask;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same round trip against the official {@code apache/kafka} image, where Docker runs (skipped
 * without it). The image tag follows the client version; {@code -Dmailcensus.kafka.image=...}
 * picks another.
 */
@Testcontainers(disabledWithoutDocker = true)
@Timeout(300)
class KafkaContainerIT {

    @Container
    static final KafkaContainer kafka =
            new KafkaContainer(System.getProperty("mailcensus.kafka.image", "apache/kafka:4.3.1"));

    @Test
    void roundOfTasksBecomesResultsInTheStoreOnTheOfficialImage() throws Exception {
        Topics topics = new Topics("tc.");
        Map<String, Integer> partitions = new HashMap<>();
        topics.all().forEach(t -> partitions.put(t, 6));
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers());
        try (Admin a = Admin.create(admin)) {
            TopicCreator.ensure(a, partitions, (short) 1);
        }
        KafkaSettings s = KafkaSettings.of(kafka.getBootstrapServers()).withTopics(topics);

        try (var sink = new KafkaWorkSink(s)) {
            for (int i = 0; i < 1_000; i++) {
                sink.submit(scanTask("scan-tc", "d" + i + ".ch"));
            }
            sink.finish();
        }
        var options = KafkaTaskSource.Options.endless("workers").untilEndOfRound("scan-tc");
        try (var results = new KafkaResultSink(s); var source = new KafkaWorkSource(s, options, results::flush)) {
            while (!source.exhausted()) {
                List<ScanTask> tasks = source.poll(500, Duration.ofMillis(200));
                tasks.forEach(t -> results.publish(domainResult(t.getScanId(), t.getDomain())));
                source.acknowledge(tasks);
            }
        }

        Set<String> stored = ConcurrentHashMap.newKeySet();
        ResultSink store = new ResultSink() {
            @Override
            public void publish(DomainResult result) {
                stored.add(result.getDomain());
            }

            @Override
            public void publish(MailServerResult result) {}

            @Override
            public void flush() {}
        };
        try (var consumer = new KafkaResultConsumer(s, KafkaResultConsumer.Options.defaults(), store)) {
            consumer.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!consumer.caughtUp() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        }
        assertThat(stored).hasSize(1_000);
    }
}
