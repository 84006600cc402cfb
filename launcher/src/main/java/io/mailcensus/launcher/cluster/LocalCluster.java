package io.mailcensus.launcher.cluster;

import io.mailcensus.aggregator.StoreWriter;
import io.mailcensus.coordinator.ScanFeeder;
import io.mailcensus.coordinator.input.InputSummary;
import io.mailcensus.coordinator.input.NameSource;
import io.mailcensus.core.port.ResultStore;
import io.mailcensus.kafka.broker.EmbeddedKafka;
import io.mailcensus.kafka.client.KafkaSettings;
import io.mailcensus.kafka.result.KafkaResultConsumer;
import io.mailcensus.kafka.work.KafkaWorkSink;
import io.mailcensus.launcher.UserException;
import io.mailcensus.launcher.local.ScanBook;
import io.mailcensus.store.ChdbStore;
import io.mailcensus.worker.assembly.WorkerSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The distributed mode on one machine: a real KRaft broker (in-process), the coordinator, N
 * workers (each with its own consumers, resolvers, gates and round cache, as separate processes
 * would have) and the aggregator writing into the embedded store. The report of its store is the
 * single-machine scan's report of the same input.
 */
public final class LocalCluster {

    /** @param partitions per topic: the most workers that can share one round */
    public record Plan(String scanId, NameSource source, Path data, WorkerSettings probing, int workers,
            int partitions) {}

    private final Plan plan;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock = Clock.systemUTC();

    public LocalCluster(Plan plan, PrintStream out, PrintStream err) {
        this.plan = plan;
        this.out = out;
        this.err = err;
    }

    public int run() throws Exception {
        try (ResultStore store = ChdbStore.open(plan.data())) {
            store.migrate();
            ScanBook book = new ScanBook(store, plan.scanId());
            if (book.load().isPresent()) {
                throw new UserException("scan '" + plan.scanId() + "' exists already in " + plan.data());
            }
            Instant started = clock.instant();
            book.save(started, null, "running", plan.source().describe(), 0, 0, 0);
            err.println("local-cluster: starting a Kafka broker (KRaft, in-process)");
            try (EmbeddedKafka broker = EmbeddedKafka.start()) {
                err.printf("local-cluster: broker %s up in %,d ms; %d workers, %d partitions a topic%n",
                        broker.bootstrapServers(), broker.startup().toMillis(), plan.workers(), plan.partitions());
                KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
                Map<String, Integer> topics = new LinkedHashMap<>();
                kafka.topics().all().forEach(t -> topics.put(t, plan.partitions()));
                broker.createTopics(topics);
                return scan(store, book, kafka, started);
            }
        }
    }

    private int scan(ResultStore store, ScanBook book, KafkaSettings kafka, Instant started) throws Exception {
        try (StoreWriter writer = new StoreWriter(store, ResultStore.BATCH_ROWS, Duration.ofSeconds(1));
                KafkaResultConsumer aggregator = new KafkaResultConsumer(kafka,
                        KafkaResultConsumer.Options.defaults(), writer)) {
            aggregator.start();
            List<WorkerRole> roles = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            for (int i = 0; i < plan.workers(); i++) {
                WorkerRole role = new WorkerRole(kafka, plan.probing(), Optional.of(plan.scanId()), clock);
                roles.add(role);
                threads.add(Thread.ofPlatform().name("worker-" + (i + 1)).start(() -> {
                    try {
                        role.run();
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            InputSummary input;
            try (KafkaWorkSink sink = new KafkaWorkSink(kafka)) {
                input = new ScanFeeder(sink, clock).feed(plan.scanId(), plan.source(), domain -> false);
                sink.finish(plan.scanId());
            }
            err.printf("local-cluster: coordinator fed %,d domains (%,d rejected)%n", input.accepted(), input.rejectedTotal());
            for (Thread t : threads) {
                t.join();
            }
            if (failure.get() != null) {
                throw new IllegalStateException("a worker failed: " + failure.get(), failure.get());
            }
            awaitStored(aggregator);
            writer.flush();
            long done = roles.stream().mapToLong(r -> r.counters().done()).sum();
            Instant finished = clock.instant();
            book.save(started, finished, "finished", plan.source().describe(), input.accepted() + input.rejectedTotal(),
                    input.accepted(), input.rejectedTotal());
            double seconds = Math.max(0.001, Duration.between(started, finished).toMillis() / 1000.0);
            out.printf("scan %s finished: %,d domains in %.1f s (%.1f domains/s) by %d workers over Kafka; "
                            + "%,d results read by the aggregator, %,d rows written%n",
                    plan.scanId(), input.accepted(), seconds, input.accepted() / seconds, plan.workers(),
                    aggregator.consumed(), writer.written());
            out.printf("worker probes (a re-delivered task counts again): %,d domains%n", done);
            out.printf("next: mailcensus report --data %s --scan %s%n", plan.data(), plan.scanId());
            return 0;
        }
    }

    /** Every worker has produced and committed: wait until the aggregator has read and stored all of it. */
    private static void awaitStored(KafkaResultConsumer aggregator) throws InterruptedException {
        long last = -1;
        int quiet = 0;
        while (quiet < 3) {
            Thread.sleep(500);
            long now = aggregator.consumed();
            quiet = aggregator.caughtUp() && now == last ? quiet + 1 : 0;
            last = now;
        }
    }
}
