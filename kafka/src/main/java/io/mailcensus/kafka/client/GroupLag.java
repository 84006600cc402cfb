package io.mailcensus.kafka.client;

import io.mailcensus.core.metrics.MeterNames;
import io.mailcensus.core.metrics.Metrics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer group's lag per topic (records after its committed offsets; a partition it never
 * committed counts from its first record), read with an admin client, without joining the group,
 * every {@code every}, and served as the {@value MeterNames#QUEUE_LAG} gauge tagged {@code topic}.
 * The coordinator and the workers serve the workers' groups' lag on the task topics this way:
 * the signal to scale workers on. A failed read keeps the last value and tries again.
 */
public final class GroupLag implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupLag.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final Admin admin;
    private final Map<String, String> groupByTopic;
    private final Map<String, Long> lag = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    private GroupLag(Admin admin, Map<String, String> groupByTopic, ScheduledExecutorService timer) {
        this.admin = admin;
        this.groupByTopic = groupByTopic;
        this.timer = timer;
    }

    /** Starts reading; {@code groupByTopic}: each topic with the group whose lag on it counts. */
    public static GroupLag start(KafkaSettings settings, Map<String, String> groupByTopic, Metrics metrics, Duration every) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "group-lag");
            t.setDaemon(true);
            return t;
        });
        GroupLag g = new GroupLag(Admin.create(settings.admin("mailcensus-lag")), Map.copyOf(groupByTopic), timer);
        for (String topic : groupByTopic.keySet()) {
            g.lag.put(topic, 0L);
            metrics.gauge(MeterNames.QUEUE_LAG, g.lag, l -> l.getOrDefault(topic, 0L), "topic", topic);
        }
        timer.scheduleWithFixedDelay(g::refresh, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return g;
    }

    /** The lag last read, per topic. */
    public Map<String, Long> lag() {
        return Map.copyOf(lag);
    }

    void refresh() {
        for (Map.Entry<String, String> e : groupByTopic.entrySet()) {
            try {
                lag.put(e.getKey(), read(e.getKey(), e.getValue()));
            } catch (Exception ex) {
                if (ex instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    return;
                }
                log.debug("lag of {} on {} not read: {}", e.getValue(), e.getKey(), ex.toString());
            }
        }
    }

    private long read(String topic, String group) throws Exception {
        TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        d.partitions().forEach(p -> {
            latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
            earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest());
        });
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = admin.listOffsets(latest).all()
                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> begin = admin.listOffsets(earliest).all()
                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        long total = 0;
        for (TopicPartition tp : end.keySet()) {
            OffsetAndMetadata c = committed.get(tp);
            long from = c != null ? Math.max(c.offset(), begin.get(tp).offset()) : begin.get(tp).offset();
            total += Math.max(0, end.get(tp).offset() - from);
        }
        return total;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        admin.close(Duration.ofSeconds(2));
    }
}
