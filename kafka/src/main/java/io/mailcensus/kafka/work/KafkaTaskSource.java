package io.mailcensus.kafka.work;

import io.mailcensus.core.metrics.MeterNames;
import io.mailcensus.core.metrics.Metrics;
import io.mailcensus.core.port.TaskSource;
import io.mailcensus.kafka.client.KafkaSettings;
import io.mailcensus.kafka.serde.AvroSerde;
import io.mailcensus.kafka.serde.PoisonMessageException;
import io.mailcensus.kafka.topic.RoundMarker;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tasks from one topic for one member of a consumer group, at-least-once.
 *
 * <ul>
 * <li><b>Commits only what is done.</b> {@link #acknowledge} (any thread) marks tasks done; the
 * polling thread commits, per partition, the offset below which everything is done, and runs
 * {@code beforeCommit} first (the workers' result producer's flush), so an offset is never
 * committed before the results of its tasks are durable. A crash redelivers the unacknowledged
 * tasks; the store deduplicates their results.</li>
 * <li><b>Bounded.</b> When {@code maxInFlight} tasks are taken but not acknowledged, the
 * partitions are paused (the consumer still polls, so it stays in the group) and resumed
 * below half of it.</li>
 * <li><b>Rebalances.</b> On revoke, the tasks of the revoked partitions that were handed out
 * but not acknowledged go to the {@link #onRevoked revocation hook}, which cancels those its
 * worker has not started (the new owner reads them again from the committed offset, so they
 * are probed once, by the new owner). The source then waits up to {@link Options#revokeGrace}
 * for the started ones to be acknowledged, commits what is acknowledged, and drops the
 * partitions' buffered tasks. Acknowledgements that come later for tasks of a revoked
 * partition are ignored (those tasks are redelivered and probed again; the store deduplicates):
 * what is probed twice on a rebalance is bounded by what was running and did not finish
 * within the grace.</li>
 * <li><b>The end of a finite round.</b> The coordinator ends a round with a {@link RoundMarker}
 * in every partition. A source serving that round stops taking records from a partition at its
 * marker and, once everything before it is acknowledged, commits the offset past the marker
 * with the metadata {@code "end-of-round SCAN_ID"}. {@link #exhausted()} is true when the
 * group's committed offsets of <em>all</em> partitions carry that metadata: every task of the
 * round in the whole group is acknowledged, read from Kafka itself, so a worker that owns no
 * partition, or whose partitions were taken over, still learns that the round is over, and a
 * worker that finished early keeps polling (and takes over partitions of a worker that died)
 * until the group is done. An endless source (no round, the long-running {@code worker}) is
 * never exhausted.</li>
 * <li><b>Poison messages</b> are logged, counted and skipped (committed past).</li>
 * <li><b>Done above the commit.</b> A commit stops at the partition's lowest unfinished task;
 * its metadata lists the tasks above it that are done ({@link DoneOffsets}, bounded), and the
 * next owner of the partition (after a crash, a stop or a rebalance) skips them instead of
 * probing them again.</li>
 * </ul>
 * Polling, {@link #exhausted()} and {@link #close()} share the consumer under a lock;
 * {@link #wakeup()} may be called from any thread to end a blocked poll.
 */
public final class KafkaTaskSource<T extends SpecificRecord> implements TaskSource<T> {

    private static final Logger log = LoggerFactory.getLogger(KafkaTaskSource.class);
    private static final Duration GROUP_CHECK_EVERY = Duration.ofMillis(500);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration INHERIT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * @param groupId the consumer group: members share the topic's partitions
     * @param maxInFlight tasks taken but not acknowledged before the partitions are paused
     * @param commitInterval how often acknowledged offsets are committed while polling
     * @param finiteRound the scan id whose end-of-round markers end this source; empty: endless
     * @param revokeGrace how long a revocation waits for the started tasks of the revoked
     *     partitions to be acknowledged before it commits and lets the partitions go (the new
     *     owner waits that long at most; well below {@code max.poll.interval.ms})
     */
    public record Options(String groupId, int maxInFlight, Duration commitInterval, Optional<String> finiteRound,
            Duration revokeGrace) {

        public static final Duration DEFAULT_REVOKE_GRACE = Duration.ofSeconds(5);

        public Options {
            if (maxInFlight < 1) {
                throw new IllegalArgumentException("maxInFlight must be positive");
            }
            if (revokeGrace.isNegative()) {
                throw new IllegalArgumentException("revokeGrace must not be negative");
            }
        }

        public Options(String groupId, int maxInFlight, Duration commitInterval, Optional<String> finiteRound) {
            this(groupId, maxInFlight, commitInterval, finiteRound, DEFAULT_REVOKE_GRACE);
        }

        public static Options endless(String groupId) {
            return new Options(groupId, 10_000, Duration.ofSeconds(1), Optional.empty());
        }

        public Options untilEndOfRound(String scanId) {
            return new Options(groupId, maxInFlight, commitInterval, Optional.of(scanId), revokeGrace);
        }

        public Options withMaxInFlight(int max) {
            return new Options(groupId, max, commitInterval, finiteRound, revokeGrace);
        }

        public Options withCommitInterval(Duration interval) {
            return new Options(groupId, maxInFlight, interval, finiteRound, revokeGrace);
        }

        public Options withRevokeGrace(Duration grace) {
            return new Options(groupId, maxInFlight, commitInterval, finiteRound, grace);
        }
    }

    private record Delivery<T>(T task, PartitionProgress progress, long offset) {}

    private final String topic;
    private final AvroSerde<T> serde;
    private final Options options;
    private final Runnable beforeCommit;
    private final KafkaSettings settings;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private Admin admin;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Map<TopicPartition, PartitionProgress> progress = new HashMap<>();
    private final ArrayDeque<Delivery<T>> buffer = new ArrayDeque<>();
    private final Map<T, Delivery<T>> handedOut = Collections.synchronizedMap(new IdentityHashMap<>());
    private final ConcurrentLinkedQueue<Delivery<T>> acks = new ConcurrentLinkedQueue<>();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong poison = new AtomicLong();
    private boolean paused;
    private long lastCommitNanos = System.nanoTime();
    private long nextGroupCheckNanos;
    private volatile boolean exhausted;
    private volatile boolean closed;
    private volatile CancelNotStarted<T> revokedHook = held -> List.of();
    private final AtomicLong handedBack = new AtomicLong();
    private final AtomicLong skippedDone = new AtomicLong();
    /** Records of this member's partitions not fetched yet, as of the last poll. */
    private volatile long lag;

    /**
     * @param beforeCommit makes the results of acknowledged tasks durable (e.g. the result
     *     producer's flush); it throws when it cannot, and then nothing is committed
     */
    public KafkaTaskSource(KafkaSettings settings, String topic, AvroSerde<T> serde, Options options,
            Runnable beforeCommit) {
        this.settings = settings;
        this.topic = topic;
        this.serde = serde;
        this.options = options;
        this.beforeCommit = beforeCommit;
        this.consumer = new KafkaConsumer<>(settings.consumer(options.groupId(),
                options.groupId() + "-" + UUID.randomUUID().toString().substring(0, 8)));
        consumer.subscribe(List.of(topic), new Listener());
    }

    /** Up to {@code max} tasks, waiting at most {@code timeout}; empty when none came or on {@link #wakeup()}. */
    public List<T> poll(int max, Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            if (closed) {
                return List.of();
            }
            applyAcks();
            if (System.nanoTime() - lastCommitNanos >= options.commitInterval().toNanos()) {
                commit(false);
            }
            try {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(buffer.isEmpty() ? timeout : Duration.ZERO)) {
                    accept(r);
                }
            } catch (WakeupException e) {
                return List.of();
            } catch (InterruptException e) {
                throw new InterruptedException("interrupted while polling " + topic);
            }
            List<T> out = new ArrayList<>(Math.min(max, buffer.size()));
            while (out.size() < max && !buffer.isEmpty()) {
                Delivery<T> d = buffer.poll();
                handedOut.put(d.task(), d);
                out.add(d.task());
            }
            delivered.addAndGet(out.size());
            updatePause();
            recordLag();
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** These tasks' results are published; any thread. Unknown tasks (of a revoked partition) are ignored. */
    public void acknowledge(List<T> tasks) {
        for (T t : tasks) {
            Delivery<T> d = handedOut.remove(t);
            if (d != null) {
                acks.add(d);
                acknowledged.incrementAndGet();
            }
        }
    }

    /**
     * True once every task of the finite round, in every partition, is acknowledged by the
     * group; also once this source is closed (it hands out nothing more), so a worker loop
     * still running then ends instead of spinning.
     */
    public boolean exhausted() {
        if (exhausted || closed) {
            return true;
        }
        if (options.finiteRound().isEmpty()) {
            return false;
        }
        lock.lock();
        try {
            applyAcks();
            if (!buffer.isEmpty() || !handedOut.isEmpty() || System.nanoTime() < nextGroupCheckNanos) {
                return false;
            }
            nextGroupCheckNanos = System.nanoTime() + GROUP_CHECK_EVERY.toNanos();
            commit(true);
            exhausted = groupFinished(options.finiteRound().get());
            return exhausted;
        } catch (WakeupException | RebalanceInProgressException | CommitFailedException e) {
            return false; // the next poll takes part in the rebalance; the commit comes again
        } finally {
            lock.unlock();
        }
    }

    /**
     * What a worker does with the tasks of revoked partitions that it holds (handed out, not
     * acknowledged): it cancels those it has not started, never acknowledges them, and returns
     * them; the others finish as usual. Runs on the polling thread.
     */
    @FunctionalInterface
    public interface CancelNotStarted<T> {
        Collection<T> cancel(List<T> held);
    }

    /** Sets the revocation hook (see {@link CancelNotStarted}); set it before the first poll. */
    public void onRevoked(CancelNotStarted<T> hook) {
        this.revokedHook = hook;
    }

    /**
     * Serves this member's lag on the topic (records of its partitions not fetched yet) as the
     * {@value MeterNames#QUEUE_LAG} gauge, tag {@code topic}: summed over the group's members it
     * is the work left in the topic, the signal to scale workers on.
     */
    public KafkaTaskSource<T> reportLag(Metrics metrics) {
        metrics.gauge(MeterNames.QUEUE_LAG, this, KafkaTaskSource::lag, "topic", topic);
        return this;
    }

    /** Records of this member's partitions not fetched yet, as of the last poll. */
    public long lag() {
        return lag;
    }

    /** The consumer's cached lag: no request to the broker. */
    private void recordLag() {
        long sum = 0;
        for (TopicPartition tp : consumer.assignment()) {
            sum += consumer.currentLag(tp).orElse(0);
        }
        lag = sum;
    }

    /** Records skipped because the partition's previous owner had finished them (see {@link DoneOffsets}). */
    public long skippedAsDone() {
        return skippedDone.get();
    }

    /** Tasks handed out whose partition was revoked before they were acknowledged. */
    public long handedBack() {
        return handedBack.get();
    }

    /** Ends a poll blocked in Kafka; any thread. */
    public void wakeup() {
        consumer.wakeup();
    }

    /** The partitions this member owns now (waits while a poll is running). */
    public Set<TopicPartition> assignment() {
        lock.lock();
        try {
            return closed ? Set.of() : Set.copyOf(consumer.assignment());
        } finally {
            lock.unlock();
        }
    }

    /** Tasks handed out so far. */
    public long delivered() {
        return delivered.get();
    }

    public long acknowledged() {
        return acknowledged.get();
    }

    /** Records that could not be decoded and were skipped. */
    public long poisonMessages() {
        return poison.get();
    }

    /**
     * Commits what is acknowledged and leaves the group. Tasks not acknowledged are not
     * committed: the group's next owner of their partitions gets them again.
     */
    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        lock.lock();
        try {
            applyAcks();
            finalCommit();
        } catch (RuntimeException e) {
            log.warn("final commit on {} failed; unacknowledged tasks will be redelivered: {}", topic, e.toString());
        } finally {
            try {
                if (admin != null) {
                    admin.close(Duration.ofSeconds(5));
                }
                consumer.close(Duration.ofSeconds(10));
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * The classic group protocol refuses commits while the group rebalances: take part in the
     * rebalance (poll, dropping what it fetches: none of it was handed out) and try again.
     */
    private void finalCommit() {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try {
                commit(true);
                return;
            } catch (WakeupException e) {
                // close() woke the consumer; the flag is spent now
            } catch (RebalanceInProgressException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    consumer.poll(Duration.ofMillis(100));
                } catch (WakeupException ignored) {
                    // as above
                }
            }
        }
    }

    private void accept(ConsumerRecord<byte[], byte[]> r) {
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        PartitionProgress p = progress.computeIfAbsent(tp, PartitionProgress::new);
        if (p.roundOver()) {
            return; // records after our round's marker: the next round's, not ours
        }
        Optional<String> marker = RoundMarker.scanId(r.headers());
        if (marker.isPresent()) {
            p.marker(r.offset(), marker.get());
            if (options.finiteRound().equals(marker)) {
                p.endRound();
                consumer.pause(List.of(tp));
                consumer.seek(tp, r.offset() + 1);
            }
            return;
        }
        if (p.doneBefore(r.offset())) {
            p.skipped(r.offset()); // its results are durable: the previous owner committed it as done
            skippedDone.incrementAndGet();
            return;
        }
        try {
            T task = serde.decode(r.value());
            p.took(r.offset());
            buffer.add(new Delivery<>(task, p, r.offset()));
        } catch (PoisonMessageException e) {
            poison.incrementAndGet();
            p.skipped(r.offset());
            log.warn("skipping poison message {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
        }
    }

    private void applyAcks() {
        for (Delivery<T> d; (d = acks.poll()) != null; ) {
            if (!d.progress().revoked()) {
                d.progress().acknowledged(d.offset());
            }
        }
    }

    private int inFlight() {
        return buffer.size() + handedOut.size();
    }

    private void updatePause() {
        int n = inFlight();
        if (!paused && n >= options.maxInFlight()) {
            consumer.pause(consumer.assignment());
            paused = true;
        } else if (paused && n <= options.maxInFlight() / 2) {
            List<TopicPartition> resume = new ArrayList<>();
            for (TopicPartition tp : consumer.paused()) {
                PartitionProgress p = progress.get(tp);
                if (p == null || !p.roundOver()) {
                    resume.add(tp);
                }
            }
            consumer.resume(resume);
            paused = false;
        }
    }

    private void commit(boolean sync) {
        commit(sync, progress.values());
    }

    private void commit(boolean sync, Collection<PartitionProgress> scope) {
        lastCommitNanos = System.nanoTime();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (PartitionProgress p : scope) {
            if (!p.revoked()) {
                p.toCommit().ifPresent(o -> offsets.put(p.partition(), o));
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        beforeCommit.run();
        if (sync) {
            consumer.commitSync(offsets);
            committed(offsets);
        } else {
            consumer.commitAsync(offsets, (done, failure) -> {
                if (failure == null) {
                    committed(done);
                } else {
                    log.warn("offset commit on {} failed, will retry: {}", topic, failure.toString());
                    done.keySet().forEach(tp -> {
                        PartitionProgress p = progress.get(tp);
                        if (p != null) {
                            p.commitFailed();
                        }
                    });
                }
            });
        }
    }

    private void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((tp, o) -> {
            PartitionProgress p = progress.get(tp);
            if (p != null) {
                p.committed(o);
            }
        });
    }

    /**
     * Reads the group's committed offsets with an admin client, not with the consumer: a
     * consumer blocked in an offset fetch does not take part in a rebalance, and the group
     * would wait for it.
     */
    private boolean groupFinished(String scanId) {
        if (admin == null) {
            admin = Admin.create(settings.admin(options.groupId() + "-round-check"));
        }
        try {
            TopicDescription topicDescription = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(options.groupId())
                    .partitionsToOffsetAndMetadata().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            for (TopicPartitionInfo p : topicDescription.partitions()) {
                OffsetAndMetadata o = committed.get(new TopicPartition(topic, p.partition()));
                if (o == null || !RoundMarker.isEndOf(o.metadata(), scanId)) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            log.warn("cannot read the committed offsets of group {}: {}", options.groupId(), e.toString());
            return false;
        }
    }

    /** Runs inside {@code consumer.poll}, on the polling thread, with the lock held. */
    private final class Listener implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            applyAcks();
            List<PartitionProgress> leaving = new ArrayList<>();
            partitions.forEach(tp -> {
                PartitionProgress p = progress.get(tp);
                if (p != null) {
                    leaving.add(p);
                }
            });
            handBack(leaving);
            try {
                commit(true, leaving);
            } catch (RuntimeException e) {
                log.warn("commit on revoke of {} failed; the new owner redelivers: {}", partitions, e.toString());
            }
            forget(partitions);
        }

        /**
         * The revocation hook cancels what was not started; then the started tasks get up to the
         * grace to finish (not when closing: the worker drained before it closed the source).
         */
        private void handBack(List<PartitionProgress> leaving) {
            List<T> held = heldOf(leaving);
            if (held.isEmpty()) {
                return;
            }
            int cancelled = 0;
            try {
                Collection<T> gone = revokedHook.cancel(held);
                synchronized (handedOut) {
                    for (T t : gone) {
                        if (handedOut.remove(t) != null) {
                            cancelled++;
                        }
                    }
                }
            } catch (RuntimeException e) {
                log.warn("revocation hook failed on {}: {}", topic, e.toString());
            }
            long deadline = System.nanoTime() + (closed ? 0 : options.revokeGrace().toNanos());
            while (System.nanoTime() < deadline && !heldOf(leaving).isEmpty()) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            applyAcks();
            int left = heldOf(leaving).size();
            handedBack.addAndGet(left + cancelled);
            log.info("revoked {} partition(s) of {}: {} task(s) held, {} not started and cancelled, {} still running "
                    + "after the grace and handed back", leaving.size(), topic, held.size(), cancelled, left);
        }

        private List<T> heldOf(List<PartitionProgress> leaving) {
            Set<PartitionProgress> set = Collections.newSetFromMap(new IdentityHashMap<>());
            set.addAll(leaving);
            synchronized (handedOut) {
                return handedOut.values().stream().filter(d -> set.contains(d.progress())).map(Delivery::task).toList();
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            partitions.forEach(tp -> progress.computeIfAbsent(tp, PartitionProgress::new));
            inheritDone(partitions);
            if (paused) {
                consumer.pause(partitions);
            }
        }

        /**
         * The previous owner's commit says which tasks above the committed offset it finished
         * ({@link DoneOffsets}); they are skipped. If the offsets cannot be read, nothing is
         * skipped: those tasks are probed again, as they would have been anyway.
         */
        private void inheritDone(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            try {
                consumer.committed(Set.copyOf(partitions), INHERIT_TIMEOUT).forEach((tp, o) -> {
                    PartitionProgress p = progress.get(tp);
                    if (o != null && p != null) {
                        p.inherit(o);
                    }
                });
            } catch (WakeupException e) {
                throw e;
            } catch (RuntimeException e) {
                log.warn("cannot read the committed offsets of {}; tasks done above them are probed again: {}",
                        partitions, e.toString());
            }
        }

        private void forget(Collection<TopicPartition> partitions) {
            partitions.forEach(tp -> {
                PartitionProgress p = progress.remove(tp);
                if (p != null) {
                    p.revoke();
                }
            });
            buffer.removeIf(d -> d.progress().revoked());
            synchronized (handedOut) {
                handedOut.values().removeIf(d -> d.progress().revoked());
            }
        }
    }
}
