package io.mailcensus.kafka.result;

import io.mailcensus.core.metrics.MeterNames;
import io.mailcensus.core.metrics.Metrics;
import io.mailcensus.core.port.ResultSink;
import io.mailcensus.core.port.ResultStore;
import io.mailcensus.kafka.client.KafkaSettings;
import io.mailcensus.kafka.serde.PoisonMessageException;
import io.mailcensus.kafka.serde.Serdes;
import io.mailcensus.kafka.topic.RoundEvents;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregator's side: results from the two result topics into a {@link ResultSink} whose
 * {@link ResultSink#flush()} means "in the store" (the aggregator's {@code StoreWriter}). Offsets
 * are committed only after that flush returned, every {@code commitEvery} results or
 * {@code maxDelay}, whichever first, and when partitions are revoked: a crash re-reads at most
 * what was not yet in the store, and the store deduplicates. A store that is down (StoreWriter
 * retries) does not block the loop: when a commit is due and the sink has not stored everything
 * within a short wait, the consumer pauses its partitions and keeps polling (so it stays in its
 * group however long the outage lasts, as Kafka Connect's sink tasks do), and resumes once the
 * sink has caught up; nothing is dropped. A sink whose flush throws ends {@link #run()} with that
 * exception, after leaving the group without committing what it had not stored. Poison messages
 * are logged, counted and skipped.
 *
 * <p>{@link #run()} owns the consumer and returns after {@link #close()} (from any thread).
 */
public final class KafkaResultConsumer implements Runnable, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaResultConsumer.class);

    /**
     * @param groupId the aggregators' consumer group
     * @param commitEvery results between commits (match the store writer's batch size)
     * @param maxDelay longest time between a result's arrival and its commit
     */
    public record Options(String groupId, int commitEvery, Duration maxDelay) {

        public static Options defaults() {
            return new Options("mailcensus-aggregator", ResultStore.BATCH_ROWS, Duration.ofSeconds(2));
        }
    }

    /** How long a due commit waits for the store before the partitions are paused. */
    private static final Duration STORE_WAIT = Duration.ofMillis(100);
    /** How long a rebalance waits for the store to commit what was read. */
    private static final Duration REVOKE_WAIT = Duration.ofSeconds(5);
    /** How long a stop waits for the store to commit what was read (SIGTERM: all done within 10 s). */
    private static final Duration STOP_WAIT = Duration.ofSeconds(3);

    private final CountDownLatch stopped = new CountDownLatch(1);

    private final KafkaSettings settings;
    private final Options options;
    private final ResultSink sink;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
    private final AtomicLong consumed = new AtomicLong();
    private final AtomicLong committedResults = new AtomicLong();
    private final AtomicLong poison = new AtomicLong();
    private int pendingResults;
    private long firstPendingNanos;
    private volatile boolean caughtUp;
    private volatile boolean closing;
    private boolean sinkFailed;
    /** Per result topic: records behind the end of the partitions this member holds (as of the last poll). */
    private final Map<String, Long> lag = new ConcurrentHashMap<>();
    private boolean paused;
    private long pausedSinceNanos;
    private final AtomicLong pauses = new AtomicLong();
    private final AtomicLong partitionsTakenAway = new AtomicLong();
    private Thread runner;

    public KafkaResultConsumer(KafkaSettings settings, Options options, ResultSink sink) {
        this(settings, options, sink, Metrics.none());
    }

    /** Serves the consumer's lag per result topic as the {@value MeterNames#QUEUE_LAG} gauge. */
    public KafkaResultConsumer(KafkaSettings settings, Options options, ResultSink sink, Metrics metrics) {
        for (String topic : settings.topics().results()) {
            lag.put(topic, 0L);
            metrics.gauge(MeterNames.QUEUE_LAG, lag, l -> l.getOrDefault(topic, 0L), "topic", topic);
        }
        this.settings = settings;
        this.options = options;
        this.sink = sink;
        var props = settings.consumer(options.groupId(), options.groupId());
        // One poll never brings more than a commit's worth: the consumer pauses at the first due commit the store
        // cannot take, so it holds at most two commits' worth, which the store writer's buffer (twice its batch,
        // at least commitEvery) takes without blocking the poll loop (a blocked loop would leave the group).
        int maxPoll = Integer.parseInt(props.getProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500"));
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(Math.min(maxPoll, options.commitEvery())));
        this.consumer = new KafkaConsumer<>(props);
    }

    /** Runs {@link #run()} on a new platform thread. */
    public Thread start() {
        Thread t = Thread.ofPlatform().name("result-consumer").unstarted(this::loop);
        claim(t);
        t.start();
        return t;
    }

    /** Consumes on the calling thread until {@link #close()}. */
    @Override
    public void run() {
        claim(Thread.currentThread());
        loop();
    }

    private synchronized void claim(Thread t) {
        if (runner != null || closing) {
            throw new IllegalStateException("a result consumer runs once");
        }
        runner = t;
    }

    private void loop() {
        try {
            consumer.subscribe(settings.topics().results(), new Listener());
            while (!closing) {
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = consumer.poll(Duration.ofMillis(200));
                } catch (WakeupException e) {
                    break;
                }
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    accept(r);
                }
                boolean due = pendingResults >= options.commitEvery()
                        || System.nanoTime() - firstPendingNanos >= options.maxDelay().toNanos();
                if (!uncommitted.isEmpty() && (records.isEmpty() || due || paused)) {
                    commitIfStored();
                }
                caughtUp = records.isEmpty() && uncommitted.isEmpty() && noLag();
                recordLag();
            }
            commitOnStop();
        } catch (WakeupException e) {
            commitOnStop();
        } finally {
            caughtUp = false;
            try {
                consumer.close(Duration.ofSeconds(5));
            } finally {
                stopped.countDown();
            }
        }
    }

    /**
     * Stopping: commits what the store holds within {@link #STOP_WAIT}; what it does not hold yet
     * stays uncommitted and is read again by whoever takes the partitions (the store deduplicates),
     * so a stop takes seconds even while the store is down.
     */
    private void commitOnStop() {
        if (!uncommitted.isEmpty() && !sinkFailed && stored(STOP_WAIT)) {
            commit();
        }
    }

    /**
     * True when the last poll found nothing, everything read is in the store and committed, and
     * this consumer has no lag on its partitions: the store holds every result written so far
     * (for a single aggregator, which owns every partition).
     */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** Results read from Kafka (poison messages not counted). */
    public long consumed() {
        return consumed.get();
    }

    /** Records in the store (or skipped as poison) and committed. */
    public long committed() {
        return committedResults.get();
    }

    public long poisonMessages() {
        return poison.get();
    }

    /** Times the consumer paused its partitions because the store was behind. */
    public long storePauses() {
        return pauses.get();
    }

    /** Partitions revoked or lost since start: an evicted member loses its partitions when it comes back. */
    public long partitionsTakenAway() {
        return partitionsTakenAway.get();
    }

    /**
     * Stops within seconds: what was read and is in the store is committed, then the consumer
     * leaves the group; the rest is read again by the next owner.
     */
    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        Thread t;
        synchronized (this) {
            t = runner;
            if (t == null) {
                consumer.close(Duration.ofSeconds(10)); // never ran: nothing read, nothing to commit
                return;
            }
        }
        if (t != Thread.currentThread()) {
            // wait for the loop, not for the thread: on SIGTERM the runner may be the main thread, which
            // a shutdown hook cannot outlive (it waits in System.exit for the hooks)
            try {
                stopped.await(STOP_WAIT.toSeconds() + 5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void accept(ConsumerRecord<byte[], byte[]> r) {
        try {
            var event = RoundEvents.read(r.headers());
            if (event.isPresent()) {
                sink.publish(event.get()); // a round event, not a result: not counted as consumed
            } else {
                if (r.topic().equals(settings.topics().domainResults())) {
                    sink.publish(Serdes.DOMAIN_RESULT.decode(r.value()));
                } else {
                    sink.publish(Serdes.MAIL_SERVER_RESULT.decode(r.value()));
                }
                consumed.incrementAndGet();
            }
        } catch (PoisonMessageException | IllegalArgumentException e) {
            poison.incrementAndGet();
            log.warn("skipping poison message {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
        }
        if (uncommitted.isEmpty()) {
            firstPendingNanos = System.nanoTime();
        }
        pendingResults++;
        uncommitted.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
    }

    /**
     * Commits when the sink has stored everything read within a short wait; otherwise pauses every
     * partition (polling goes on, returning nothing, so the group keeps this member) until it has.
     */
    private void commitIfStored() {
        if (uncommitted.isEmpty() || sinkFailed) {
            return;
        }
        if (!stored(STORE_WAIT)) {
            if (!paused) {
                paused = true;
                pausedSinceNanos = System.nanoTime();
                pauses.incrementAndGet();
                consumer.pause(consumer.assignment());
                log.warn("the store is behind: {} partitions paused, polling on to stay in the group", consumer.assignment().size());
            }
            return;
        }
        commit();
        if (paused) {
            paused = false;
            consumer.resume(consumer.paused());
            log.info("the store caught up after {} s: partitions resumed", (System.nanoTime() - pausedSinceNanos) / 1_000_000_000);
        }
    }

    private boolean stored(Duration wait) {
        try {
            return sink.flushed(wait);
        } catch (RuntimeException e) {
            failed(e);
            return false;
        }
    }

    private void failed(RuntimeException e) {
        // nothing read since the last commit counts as stored: leave it uncommitted, stop,
        // and leave the group cleanly so that another aggregator re-reads it at once
        sinkFailed = true;
        uncommitted.clear();
        throw e;
    }

    private void commit() {
        try {
            consumer.commitSync(uncommitted);
        } catch (WakeupException e) {
            consumer.commitSync(uncommitted); // close() woke us: the commit still has to happen
        }
        committedResults.addAndGet(pendingResults);
        uncommitted.clear();
        pendingResults = 0;
    }

    private void recordLag() {
        Map<String, Long> sums = new HashMap<>();
        settings.topics().results().forEach(t -> sums.put(t, 0L));
        for (TopicPartition tp : consumer.assignment()) {
            consumer.currentLag(tp).ifPresent(l -> sums.merge(tp.topic(), l, Long::sum));
        }
        lag.putAll(sums);
    }

    private boolean noLag() {
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            return false;
        }
        for (TopicPartition tp : assigned) {
            OptionalLong lag = consumer.currentLag(tp);
            if (lag.isEmpty() || lag.getAsLong() > 0) {
                return false;
            }
        }
        return true;
    }

    private final class Listener implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            partitionsTakenAway.addAndGet(partitions.size());
            // commit what is stored, waiting a little; a store that is down leaves it to the next owner (deduplicated)
            if (!uncommitted.isEmpty() && !sinkFailed && stored(REVOKE_WAIT)) {
                commit();
            } else {
                List.copyOf(partitions).forEach(uncommitted::remove);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // another member owns them now and re-reads what we did not commit; what we wrote
            // to the store anyway is deduplicated
            partitionsTakenAway.addAndGet(partitions.size());
            List.copyOf(partitions).forEach(uncommitted::remove);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (paused) {
                consumer.pause(partitions); // the store is still behind
            }
        }
    }
}
