package io.mailcensus.launcher;

import io.mailcensus.coordinator.ScanFeeder;
import io.mailcensus.coordinator.Tasks;
import io.mailcensus.coordinator.input.InputSummary;
import io.mailcensus.coordinator.input.NameSource;
import io.mailcensus.coordinator.rescan.Pacer;
import io.mailcensus.coordinator.rescan.RescanFeeder;
import io.mailcensus.coordinator.rescan.RescanSchedule;
import io.mailcensus.coordinator.rescan.RoundTally;
import io.mailcensus.core.metrics.Metrics;
import io.mailcensus.core.metrics.RoundGauges;
import io.mailcensus.core.port.RoundEvent;
import io.mailcensus.core.port.ScanOptions;
import io.mailcensus.kafka.work.KafkaWorkSink;
import io.mailcensus.kafka.work.LastFedTask;
import io.mailcensus.kafka.client.KafkaSettings;
import io.mailcensus.kafka.client.TopicCreator;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import java.util.function.Supplier;
import org.xbill.DNS.TextParseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "coordinator", mixinStandardHelpOptions = true,
        description = "Feed a round of scan tasks (keyed by domain) into Kafka, then its end-of-round marker; "
                + "the aggregator records each round in the scans table (feeding, fed, finished) from the "
                + "round events the coordinator sends beside the results.")
final class CoordinatorCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Mixin
    MetricsOptions metricsOptions;

    @Mixin
    InputOptions input;

    @Option(names = "--scan-id", paramLabel = "ID", description = "the round's id (default: the UTC start time)")
    String scanId;

    @Option(names = "--every", paramLabel = "PERIOD",
            description = "continuous mode: rescan every domain once per PERIOD (7d, 12h, P7D), each on its own slot, "
                    + "spread evenly over the period; runs until stopped. Rounds are named by their start time")
    String every;

    /**
     * What the coordinator knows of the round's options, carried by its round events into the
     * round's scans row: the mailcensus version. The probe options (resolver, DNSSEC mode, SMTP
     * and HTTPS on or off, opt-out list, politeness) are the workers' and stay unknown (null) here.
     */
    static final ScanOptions OPTIONS = new ScanOptions(null, null, null, null, null, null, null, Version.text());

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "24",
            description = "create the topics that are missing with N partitions each, the most workers that can share "
                    + "them (default: ${DEFAULT-VALUE}; replication: the broker's default.replication.factor). "
                    + "Existing topics are left as they are")
    int partitions;

    private RoundGauges roundsFed;

    @Override
    public Integer call() throws Exception {
        Metrics metrics = metricsOptions.start();
        roundsFed = new RoundGauges(metrics, "enqueued");
        ensureTopics();
        try (AutoCloseable lag = metricsOptions.listen == null ? () -> { } : WorkerLag.start(kafka.settings(), metrics)) {
            return every != null ? continuous() : oneShot();
        }
    }

    private int oneShot() throws Exception {
        String id = scanId != null ? scanId : ScanCommand.defaultScanId();
        InputSummary summary;
        Clock clock = Clock.systemUTC();
        Instant started = clock.instant();
        String source = input.source().describe();
        try (KafkaWorkSink sink = new KafkaWorkSink(kafka.settings())) {
            sink.announce(new RoundEvent(RoundEvent.Kind.FEEDING, id, started, started, source, 0, 0, OPTIONS));
            summary = new ScanFeeder(sink, clock).feed(id, input.source(), domain -> false); // ends with the markers
            roundsFed.set(id, summary.accepted());
            sink.announce(new RoundEvent(RoundEvent.Kind.FED, id, started, clock.instant(), source, summary.accepted(),
                    summary.rejectedTotal(), OPTIONS));
        }
        System.out.printf("round %s: %,d domains fed, %,d duplicates, %,d rejected%n", id, summary.accepted(),
                summary.duplicates(), summary.rejectedTotal());
        summary.describeRejections().forEach(System.out::println);
        System.out.printf("workers: mailcensus worker --kafka %s --round %s%n", kafka.bootstrap, id);
        return 0;
    }

    /**
     * A stock broker would create the topics on first use with {@code num.partitions} (1): one
     * worker could work at a time. Existing topics keep their count (adding partitions moves
     * keys, see deploy/README.md); fewer than asked is only worth a warning.
     */
    private void ensureTopics() {
        if (partitions < 1) {
            throw new UserException("--partitions must be at least 1");
        }
        KafkaSettings settings = kafka.settings();
        Map<String, Integer> wanted = new LinkedHashMap<>();
        settings.topics().all().forEach(t -> wanted.put(t, partitions));
        try (Admin admin = Admin.create(settings.admin("mailcensus-coordinator-topics"))) {
            TopicCreator.ensure(admin, wanted, Optional.empty()).forEach((topic, n) -> {
                if (n < partitions) {
                    System.err.printf("coordinator: topic %s has %d partitions (asked for %d): at most %d workers share it%n",
                            topic, n, partitions, n);
                }
            });
        } catch (IllegalStateException e) {
            throw new UserException("cannot create the topics: " + e.getMessage());
        }
    }

    /** Re-reads the input once per slice of the period and feeds the domains that fall due in it. */
    private int continuous() throws Exception {
        if (input.readsStandardInput()) {
            throw new UserException("--every reads its input again for every slice: give a FILE, --zone or --axfr, not stdin");
        }
        RescanSchedule schedule;
        try {
            schedule = new RescanSchedule(RescanSchedule.parsePeriod(every));
        } catch (IllegalArgumentException e) {
            throw new UserException("--every " + every + ": " + e.getMessage());
        }
        input.source(); // fail now on a bad input, not at the first slice
        Clock clock = Clock.systemUTC();
        RescanFeeder feeder = new RescanFeeder(schedule, RescanFeeder.defaultSlice(schedule.period()), clock,
                Pacer.sleepingOn(clock));
        System.out.printf("continuous mode: every domain once per %s, in slices of %s%n", schedule.period(),
                RescanFeeder.defaultSlice(schedule.period()));
        Supplier<NameSource> sources = () -> {
            try {
                return input.source();
            } catch (TextParseException e) {
                throw new UserException(e.getMessage());
            }
        };
        // a restart mid-round takes up after the last slot its predecessor fed (in Kafka): no slot skipped or repeated
        String current = schedule.roundStart(schedule.round(clock.instant())).toString();
        Instant resumeAfter = LastFedTask.of(kafka.settings(), current).orElse(null);
        if (resumeAfter != null) {
            System.out.printf("round %s: resuming after the last task fed, due at %s%n", current, resumeAfter);
        }
        String source = sources.get().describe();
        RoundTally tally = new RoundTally(feeder, schedule, clock, source, resumeAfter != null);
        try (KafkaWorkSink sink = new KafkaWorkSink(kafka.settings())) {
            // the round is in the scans table from its start (its first counts come after its first slice)
            sink.announce(RoundTally.starting(schedule, schedule.round(clock.instant()), clock.instant(), source));
            feeder.run(sources, (domain, round, at) -> sink.submit(Tasks.scanTask(tally.roundId(round), domain, at)),
                    Long.MAX_VALUE, slice -> {
                        RoundEvent event = tally.fed(slice, sources);
                        if (event.kind() == RoundEvent.Kind.FED) {
                            sink.finish(event.scanId()); // end-of-round markers: every task of the round is in Kafka
                        }
                        sink.announce(event.withOptions(OPTIONS));
                        if (event.kind() == RoundEvent.Kind.FED) {
                            System.out.printf("round %s fed: %,d domains enqueued, %,d rejected; the aggregator "
                                    + "marks it finished in the scans table%n", event.scanId(), event.enqueued(),
                                    event.rejected());
                            sink.announce(RoundTally.starting(schedule, slice.round() + 1, clock.instant(), source)
                                    .withOptions(OPTIONS));
                        }
                        roundsFed.set(event.scanId(), event.enqueued());
                        System.out.printf("round %s slice %d: %,d due, %,d fed, %,d skipped; round %s, %,d enqueued%n",
                                event.scanId(), slice.slice(), slice.due(), slice.emitted(), slice.skipped(),
                                event.kind() == RoundEvent.Kind.FED ? "fed" : "feeding", event.enqueued());
                    }, resumeAfter);
        }
        return 0;
    }
}
