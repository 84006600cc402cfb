package io.mailcensus.testbed.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UdpIdsTest {

    private final InetSocketAddress alice = new InetSocketAddress("127.0.0.2", 40_000);
    private final InetSocketAddress bob = new InetSocketAddress("127.0.0.3", 40_001);
    private final UdpIds ids = new UdpIds();

    @Test
    void anAnswerGoesBackToWhoAskedWithTheirId() {
        int a = ids.claim(alice, 7, 0);
        int b = ids.claim(bob, 7, 0); // the same client id from two clients
        assertThat(a).isNotEqualTo(b);
        assertThat(ids.release(b)).isEqualTo(new UdpIds.Origin(bob, 7));
        assertThat(ids.release(a)).isEqualTo(new UdpIds.Origin(alice, 7));
        assertThat(ids.release(a)).as("a second answer to the same query").isNull();
    }

    @Test
    void liveQueriesNeverShareAnId() {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 65_536; i++) {
            assertThat(seen.add(ids.claim(alice, i, 0))).isTrue();
        }
        assertThat(ids.claim(alice, 1, 1)).as("all taken").isEqualTo(-1);
    }

    @Test
    void aQueryNeverAnsweredFreesItsIdAfterAWhile() {
        for (int i = 0; i < 65_536; i++) {
            ids.claim(alice, i, 0);
        }
        int id = ids.claim(bob, 99, UdpIds.STALE_NANOS + 1);
        assertThat(id).isNotNegative();
        assertThat(ids.release(id)).isEqualTo(new UdpIds.Origin(bob, 99));
    }
}
