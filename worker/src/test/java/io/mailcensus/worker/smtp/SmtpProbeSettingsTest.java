package io.mailcensus.worker.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmtpProbeSettingsTest {

    @Test
    void defaultsToPort25AndBoundedTimes() {
        SmtpProbeSettings settings = SmtpProbeSettings.defaults("scanner.example.org");
        assertThat(settings.port()).isEqualTo(25);
        assertThat(settings.deadline()).isGreaterThan(settings.replyTimeout());
        assertThat(settings.limits()).isEqualTo(SmtpLimits.DEFAULTS);
    }

    @Test
    void refusesAnEhloNameThatIsNotAHostName() {
        assertThatThrownBy(() -> SmtpProbeSettings.defaults("scanner test\r\nMAIL FROM:<x>"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesNonPositiveTimeouts() {
        assertThatThrownBy(() -> SmtpProbeSettings.defaults("a.test").withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sendsSniForHostNamesOnlyWithoutTheTrailingDot() {
        assertThat(SmtpProbeHandler.sniName("MX1.Example.CH.")).isEqualTo("mx1.example.ch");
        assertThat(SmtpProbeHandler.sniName("192.0.2.1")).isNull();
        assertThat(SmtpProbeHandler.sniName("2001:db8::1")).isNull();
    }
}
