package io.mailcensus.aggregator.round;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.core.port.RoundEvent;
import io.mailcensus.core.port.ScanOptions;
import io.mailcensus.core.port.ScanRecord;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RoundBookMergeTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    private static RoundEvent feeding(long enqueued) {
        return new RoundEvent(RoundEvent.Kind.FEEDING, "r", T0, T0.plusSeconds(enqueued), "list.txt", enqueued, 1);
    }

    private static RoundEvent fed(long enqueued) {
        return new RoundEvent(RoundEvent.Kind.FED, "r", T0, T0.plusSeconds(100), "list.txt", enqueued, 1);
    }

    @Test
    void feedingThenFedGivesTheFinalCountAndKeepsDone() {
        ScanRecord a = RoundBook.merge(null, feeding(10), T0);
        assertThat(a.state()).isEqualTo("feeding");
        assertThat(a.enqueued()).isEqualTo(10);
        ScanRecord withDone = new ScanRecord("r", T0, null, "feeding", "list.txt", 11, 4, 1, T0, null, 10, 0, 6);
        ScanRecord b = RoundBook.merge(withDone, fed(25), T0);
        assertThat(b.state()).isEqualTo("fed");
        assertThat(b.enqueued()).isEqualTo(25);
        assertThat(b.domainsTotal()).isEqualTo(26);
        assertThat(b.domainsDone()).isEqualTo(4);
        assertThat(b.inFlight()).isEqualTo(21);
        assertThat(b.feedingFinished()).isEqualTo(T0.plusSeconds(100));
    }

    @Test
    void theRoundsRowKeepsTheOptionsItsEventsCarried() {
        ScanOptions coordinator = new ScanOptions(null, null, null, null, null, null, null, "1.2.3");
        ScanRecord a = RoundBook.merge(null, feeding(10).withOptions(coordinator), T0);
        assertThat(a.options()).isEqualTo(coordinator);
        // an event without options (an older coordinator) keeps what the row holds
        ScanRecord b = RoundBook.merge(a, fed(25), T0);
        assertThat(b.options()).isEqualTo(coordinator);
        assertThat(RoundBook.merge(null, fed(25), T0).options()).isEqualTo(ScanOptions.UNKNOWN);
    }

    @Test
    void aLateOrRepeatedFeedingEventNeitherUndoesFedNorLowersTheCount() {
        ScanRecord fedRow = RoundBook.merge(null, fed(25), T0);
        assertThat(RoundBook.merge(fedRow, feeding(5), T0)).isSameAs(fedRow);
        ScanRecord feedingRow = RoundBook.merge(null, feeding(20), T0);
        assertThat(RoundBook.merge(feedingRow, feeding(5), T0).enqueued()).isEqualTo(20);
    }
}
