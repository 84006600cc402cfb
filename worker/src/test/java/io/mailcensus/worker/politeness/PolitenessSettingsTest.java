package io.mailcensus.worker.politeness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolitenessSettingsTest {

    private static final PolitenessSettings D = PolitenessSettings.defaults();

    @Test
    void defaultsAreOneConnectionAtATimeForSmtp() {
        assertThat(D.connections()).isEqualTo(1);
        assertThat(D.minDelay()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void invalidValuesFailAtConstruction() {
        assertThatThrownBy(() -> new PolitenessSettings(0, 6, 5, D.maxDelay(), D.backoffBase(), D.backoffMax(), 5, D.lease()))
                .hasMessageContaining("connections");
        assertThatThrownBy(() -> new PolitenessSettings(1, 0, 5, D.maxDelay(), D.backoffBase(), D.backoffMax(), 5, D.lease()))
                .hasMessageContaining("perMinute");
        assertThatThrownBy(() -> new PolitenessSettings(1, 6, Double.NaN, D.maxDelay(), D.backoffBase(), D.backoffMax(), 5, D.lease()))
                .hasMessageContaining("delayFactor");
        assertThatThrownBy(() -> new PolitenessSettings(1, 6, 5, D.maxDelay(), Duration.ofMinutes(2), Duration.ofMinutes(1), 5, D.lease()))
                .hasMessageContaining("backoffMax");
        assertThatThrownBy(() -> new PolitenessSettings(1, 6, 5, Duration.ofSeconds(1), D.backoffBase(), D.backoffMax(), 5, D.lease()))
                .hasMessageContaining("maxDelay");
        assertThatThrownBy(() -> new PolitenessSettings(1, 6, 5, D.maxDelay(), D.backoffBase(), D.backoffMax(), 0, D.lease()))
                .hasMessageContaining("quarantineAfter");
        assertThatThrownBy(() -> new PolitenessSettings(1, 6, 5, D.maxDelay(), D.backoffBase(), D.backoffMax(), 5, Duration.ZERO))
                .hasMessageContaining("lease");
    }

    @Test
    void optionsOverrideDefaultsAndUnknownNamesAreRefused() {
        PolitenessSettings s = PolitenessSettings.fromOptions(Map.of("per-minute", "3", "backoff-max", "PT1H", "lease", "600"));
        assertThat(s.perMinute()).isEqualTo(3);
        assertThat(s.backoffMax()).isEqualTo(Duration.ofHours(1));
        assertThat(s.lease()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.connections()).isEqualTo(1);

        assertThatThrownBy(() -> PolitenessSettings.fromOptions(Map.of("per-minut", "3")))
                .hasMessageContaining("unknown politeness option").hasMessageContaining("per-minut");
        assertThatThrownBy(() -> PolitenessSettings.fromOptions(Map.of("connections", "two")))
                .hasMessageContaining("connections");
        assertThatThrownBy(() -> PolitenessSettings.fromOptions(Map.of("max-delay", "5 minutes")))
                .hasMessageContaining("max-delay");
    }

    @Test
    void backoffDoublesFromTheBaseAndStopsAtTheMaximumWithoutOverflow() {
        PolitenessSettings s = new PolitenessSettings(1, 6, 5, D.maxDelay(), Duration.ofSeconds(30), Duration.ofMinutes(30), 5, D.lease());
        assertThat(s.backoff(0)).isZero();
        assertThat(s.backoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.backoff(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.backoff(6)).isEqualTo(Duration.ofSeconds(960));
        assertThat(s.backoff(7)).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.backoff(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void politeDelayIsFactorTimesDurationBetweenTheMinimumAndTheMaximum() {
        assertThat(D.politeDelay(Duration.ZERO)).isEqualTo(Duration.ofSeconds(10));
        assertThat(D.politeDelay(Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(15));
        assertThat(D.politeDelay(Duration.ofDays(365))).isEqualTo(D.maxDelay());
    }
}
