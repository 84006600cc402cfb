package io.mailcensus.kafka.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics a deployment needs and waits until they take writes. Existing topics are
 * left as they are (their partition count is the operator's decision).
 */
public final class TopicCreator {

    private static final Duration READY_WITHIN = Duration.ofSeconds(30);

    private TopicCreator() {}

    /** Creates what is missing of these topics (name to partition count) and waits until each partition has a leader. */
    public static void ensure(Admin admin, Map<String, Integer> partitions, short replication) {
        ensure(admin, partitions, Optional.of(replication));
    }

    /**
     * As {@link #ensure(Admin, Map, short)}; without a replication factor the broker's
     * {@code default.replication.factor} applies (a stock cluster's own setting). Returns the
     * partition count of every topic as it is now, so a caller can warn about existing topics
     * with fewer partitions than it asked for.
     */
    public static Map<String, Integer> ensure(Admin admin, Map<String, Integer> partitions, Optional<Short> replication) {
        List<NewTopic> topics = new ArrayList<>();
        partitions.forEach((name, n) -> topics.add(new NewTopic(name, Optional.of(n), replication)));
        try {
            for (var e : admin.createTopics(topics).values().entrySet()) {
                try {
                    e.getValue().get();
                } catch (ExecutionException ex) {
                    if (!(ex.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + e.getKey() + ": "
                                + ex.getCause().getMessage(), ex.getCause());
                    }
                }
            }
            return awaitLeaders(admin, partitions.keySet());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /**
     * A new topic is usable once a broker leads each partition: the metadata names a leader and
     * the partition answers a leader-only request (list offsets). Producing earlier gets
     * NOT_LEADER_OR_FOLLOWER, and an idempotent producer's retry then can end in an
     * out-of-order sequence error (seen on a fresh 4.3 broker).
     */
    private static Map<String, Integer> awaitLeaders(Admin admin, java.util.Collection<String> topics)
            throws InterruptedException {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                Map<String, Integer> counts = new HashMap<>();
                boolean led = true;
                for (TopicDescription d : admin.describeTopics(topics).allTopicNames().get().values()) {
                    counts.put(d.name(), d.partitions().size());
                    for (TopicPartitionInfo p : d.partitions()) {
                        led &= p.leader() != null && !p.leader().isEmpty();
                        latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
                    }
                }
                if (led) {
                    admin.listOffsets(latest).all().get();
                    return counts;
                }
            } catch (ExecutionException e) {
                // not led yet: ask again
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("topics " + topics + " have no leader after " + READY_WITHIN.toSeconds() + " s");
    }
}
