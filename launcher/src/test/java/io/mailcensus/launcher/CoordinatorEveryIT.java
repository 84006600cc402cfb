package io.mailcensus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.kafka.broker.EmbeddedKafka;
import io.mailcensus.kafka.client.KafkaSettings;
import io.mailcensus.kafka.serde.Serdes;
import io.mailcensus.schemas.ScanTask;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

/**
 * Continuous mode on the real broker: {@code coordinator --every 20s} feeds every domain of the
 * list once per period, spread over the period rather than in one burst, each task named after
 * the start of its round.
 */
class CoordinatorEveryIT {

    @Test
    void everyDomainComesOncePerPeriodSpreadOverIt() throws Exception {
        Path list = Files.createTempFile("every", ".txt");
        List<String> domains = IntStream.range(0, 200).mapToObj(i -> "d" + i + ".example").toList();
        Files.write(list, domains);
        try (EmbeddedKafka broker = EmbeddedKafka.start()) {
            KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
            broker.createTopics(kafka.topics().all(), 4);
            Thread coordinator = Thread.ofPlatform().start(() -> Main.run(new String[] {"coordinator", "--kafka",
                    broker.bootstrapServers(), "--every", "20s", list.toString()},
                    new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())));
            Map<String, List<ScanTask>> byRound = new HashMap<>();
            List<Instant> arrivals = new ArrayList<>();
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumer("every-it", "every-it"))) {
                consumer.subscribe(List.of(kafka.topics().scanTasks()));
                Instant end = Instant.now().plusSeconds(45);
                while (Instant.now().isBefore(end)) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        if (r.value() == null || r.value().length == 0) {
                            continue;
                        }
                        ScanTask t = Serdes.SCAN_TASK.decode(r.value());
                        byRound.computeIfAbsent(t.getScanId(), k -> new ArrayList<>()).add(t);
                        arrivals.add(Instant.now());
                    }
                }
            } finally {
                coordinator.interrupt();
            }
            // one complete round lies inside 45 s of a 20 s period: all 200 domains, once each
            List<List<ScanTask>> complete = byRound.values().stream().filter(l -> l.size() == domains.size()).toList();
            assertThat(complete).as("rounds: " + byRound.keySet() + " sizes " + byRound.values().stream().map(List::size).toList())
                    .isNotEmpty();
            assertThat(complete.getFirst().stream().map(ScanTask::getDomain).distinct().count()).isEqualTo(domains.size());
            assertThat(byRound.values().stream().allMatch(l -> l.size() <= domains.size())).isTrue();
            // spread, not a burst: no second of the run carries more than a fifth of a round
            Map<Long, Long> perSecond = new HashMap<>();
            arrivals.forEach(a -> perSecond.merge(a.getEpochSecond(), 1L, Long::sum));
            assertThat(perSecond.values().stream().mapToLong(Long::longValue).max().orElse(0)).isLessThan(domains.size() / 5);
        }
    }
}
