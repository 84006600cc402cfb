package io.mailcensus.testbed.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinkDelayTest {

    private final SplittableRandom random = new SplittableRandom(7);

    @Test
    void eachDirectionTakesHalfTheRoundTripWithinATenthOfJitter() {
        LinkDelay link = new LinkDelay(Duration.ofMillis(20), 0);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < 10_000; i++) {
            long d = link.sampleOneWayNanos(random);
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        assertThat(min).isBetween(9_000_000L, 9_100_000L);
        assertThat(max).isBetween(10_900_000L, 11_000_000L);
    }

    @Test
    void noLatencyMeansNoDelayAndNoRelay() {
        assertThat(LinkDelay.NONE.sampleOneWayNanos(random)).isZero();
        assertThat(LinkDelay.NONE.isOn()).isFalse();
        assertThat(LinkDelay.NONE.withLoss(0.01).isOn()).isTrue();
        assertThat(LinkDelay.NONE.withLatency(Duration.ofMillis(1)).isOn()).isTrue();
    }

    @Test
    void lossDropsThatShareOfPackets() {
        LinkDelay link = new LinkDelay(Duration.ZERO, 0.05);
        int dropped = 0;
        for (int i = 0; i < 100_000; i++) {
            dropped += link.dropsPacket(random) ? 1 : 0;
        }
        assertThat(dropped).isBetween(4_700, 5_300);
        assertThat(LinkDelay.NONE.dropsPacket(random)).isFalse();
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> new LinkDelay(Duration.ofMillis(-1), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LinkDelay(Duration.ZERO, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LinkDelay(Duration.ZERO, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void describesItselfForHumans() {
        assertThat(new LinkDelay(Duration.ofMillis(20), 0.005).describe()).isEqualTo("20 ms RTT, loss 0.5%");
    }
}
