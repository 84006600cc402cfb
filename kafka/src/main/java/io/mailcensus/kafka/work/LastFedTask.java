package io.mailcensus.kafka.work;

import io.mailcensus.kafka.client.KafkaSettings;
import io.mailcensus.kafka.serde.PoisonMessageException;
import io.mailcensus.kafka.serde.Serdes;
import io.mailcensus.schemas.ScanTask;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a restarted continuous coordinator takes up its round: the latest slot (enqueued-at) of
 * the round's tasks already in the scan-tasks topic. The feeder emits a round's tasks in slot
 * order, so every slot up to that one was fed; reading the last few records of each partition
 * (no group, nothing committed) is enough.
 */
public final class LastFedTask {

    /** Records read back from each partition's end: a round's tasks are followed at most by markers. */
    private static final int TAIL = 64;

    private LastFedTask() {}

    public static Optional<Instant> of(KafkaSettings settings, String scanId) {
        var props = settings.consumer("mailcensus-coordinator-resume", "mailcensus-coordinator-resume");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG); // no group: nothing joined, nothing committed
        props.remove(ConsumerConfig.GROUP_PROTOCOL_CONFIG);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            String topic = settings.topics().scanTasks();
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long remaining = 0;
            for (TopicPartition tp : partitions) {
                long from = Math.max(begin.get(tp), end.get(tp) - TAIL);
                consumer.seek(tp, from);
                remaining += end.get(tp) - from;
            }
            Instant latest = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (remaining > 0 && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    remaining--;
                    if (r.value() == null || r.value().length == 0) {
                        continue; // an end-of-round marker
                    }
                    try {
                        ScanTask t = Serdes.SCAN_TASK.decode(r.value());
                        if (t.getScanId().equals(scanId) && (latest == null || t.getEnqueuedAt().isAfter(latest))) {
                            latest = t.getEnqueuedAt();
                        }
                    } catch (PoisonMessageException e) {
                        // not a task of ours
                    }
                }
            }
            return Optional.ofNullable(latest);
        }
    }
}
