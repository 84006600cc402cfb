package io.mailcensus.kafka.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailcensus.core.port.RoundEvent;
import io.mailcensus.core.port.ScanOptions;
import java.time.Instant;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class RoundEventsTest {

    @Test
    void anEventSurvivesItsHeaders() {
        RoundEvent e = new RoundEvent(RoundEvent.Kind.FED, "2026-12-01T00:00:00Z", Instant.parse("2026-12-01T00:00:00Z"),
                Instant.parse("2026-12-01T06:00:00.123Z"), "zone ch.", 2_500_000, 7);
        assertThat(RoundEvents.read(new RecordHeaders(RoundEvents.headers(e)))).contains(e);
    }

    @Test
    void theRoundsOptionsSurviveTheirHeadersAndUnknownFieldsStayUnknown() {
        ScanOptions some = new ScanOptions(null, "validate", true, null, 3L, null, null, "1.2.3");
        RoundEvent e = new RoundEvent(RoundEvent.Kind.FEEDING, "r", Instant.parse("2026-12-01T00:00:00Z"),
                Instant.parse("2026-12-01T00:00:01Z"), "list.txt", 0, 0, some);
        assertThat(RoundEvents.read(new RecordHeaders(RoundEvents.headers(e)))).contains(e);
        RoundEvent none = new RoundEvent(RoundEvent.Kind.FED, "r", Instant.parse("2026-12-01T00:00:00Z"),
                Instant.parse("2026-12-01T00:00:01Z"), "list.txt", 5, 0);
        assertThat(RoundEvents.read(new RecordHeaders(RoundEvents.headers(none)))).get()
                .extracting(RoundEvent::options).isEqualTo(ScanOptions.UNKNOWN);
    }

    @Test
    void anOrdinaryResultHasNoEventAndABrokenEventIsRefused() {
        assertThat(RoundEvents.read(new RecordHeaders())).isEmpty();
        RecordHeaders broken = new RecordHeaders();
        broken.add(RoundEvents.KIND, "FED".getBytes());
        assertThatThrownBy(() -> RoundEvents.read(broken)).isInstanceOf(IllegalArgumentException.class);
    }
}
