package io.mailcensus.testbed.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DaneKeyTest {

    @Test
    void aCertificateForTheKeyMatchesTheDaneEeRecordTheZonesPublish() {
        Instant now = Instant.now();
        Leaf leaf = TestCa.create("ca").issue("mx", List.of("mx1.mailhost1.example"), now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(1)), DaneKey.keyPair());

        assertThat(DaneKey.tlsa311()).isEqualTo(Tlsa.rdata(3, leaf.certificate()));
    }
}
