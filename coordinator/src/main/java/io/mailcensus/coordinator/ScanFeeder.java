package io.mailcensus.coordinator;

import io.mailcensus.coordinator.input.InputSummary;
import io.mailcensus.coordinator.input.NameSource;
import io.mailcensus.coordinator.input.NameFilter;
import io.mailcensus.core.port.WorkSink;
import java.io.IOException;
import java.time.Clock;
import java.util.function.Predicate;

/**
 * The coordinator's core: reads a name source, normalises and de-duplicates the names, and
 * submits one scan task per domain to the work sink. Blocks when the sink is full, so the
 * coordinator's memory stays bounded whatever the input size.
 */
public final class ScanFeeder {

    private final WorkSink sink;
    private final Clock clock;

    public ScanFeeder(WorkSink sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    /**
     * Feeds one round and then tells the sink it is finished.
     *
     * @param alreadyDone names (A-label) to skip, e.g. those a resumed scan has results for
     */
    public InputSummary feed(String scanId, NameSource source, Predicate<String> alreadyDone)
            throws IOException, InterruptedException {
        NameFilter filter = new NameFilter(alreadyDone);
        try {
            source.forEach(raw -> filter.accept(raw).ifPresent(name -> {
                try {
                    sink.submit(Tasks.scanTask(scanId, name, clock.instant()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new FeedInterrupted(e);
                }
            }), filter::reject);
        } catch (FeedInterrupted e) {
            throw (InterruptedException) e.getCause();
        } finally {
            sink.finish();
        }
        return filter.summary();
    }

    /** Carries an interrupt out of the name source's callback. */
    private static final class FeedInterrupted extends RuntimeException {
        FeedInterrupted(InterruptedException cause) {
            super(cause);
        }
    }
}
