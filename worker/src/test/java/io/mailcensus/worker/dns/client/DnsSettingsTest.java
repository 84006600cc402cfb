package io.mailcensus.worker.dns.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsSettingsTest {

    @Test
    void defaultsFollowTheSpec() {
        DnsSettings d = DnsSettings.defaults();
        assertThat(d.resolvers()).isEmpty();
        assertThat(d.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.retries()).isEqualTo(2);
        assertThat(d.maxInFlight()).isEqualTo(256);
        assertThat(d.dkimSelectors()).contains("selector1", "selector2", "google", "default", "k1", "s1", "s2",
                "everlytickey1", "protonmail3", "fm3", "zoho", "mandrill", "mailjet");
    }

    @Test
    void badValuesFailAtConstruction() {
        DnsSettings d = DnsSettings.defaults();
        assertThatThrownBy(() -> d.withTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withRetries(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withMaxInFlight(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withDkimSelectors(List.of("ok", "not ok"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withDkimSelectors(List.of("-x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void selectorsMayHaveSeveralLabels() {
        assertThat(DnsSettings.defaults().withDkimSelectors(List.of("s1.eu", "key_2024")).dkimSelectors())
                .containsExactly("s1.eu", "key_2024");
    }
}
