package io.mailcensus.testbed.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ListeningSocketsTest {

    @Test
    void procNetTcpWritesAddressesInHostOrder() {
        assertThat(ListeningSockets.ipv4FromHex("0100007F")).isEqualTo("127.0.0.1");
        assertThat(ListeningSockets.ipv4FromHex("0A01507F")).isEqualTo("127.80.1.10");
    }

    @Test
    void onlyListeningSocketsOnThePortCount() {
        List<String> lines = List.of(
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                "   0: 0164657F:0019 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1",
                "   1: 0A01507F:01BB 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2 1",
                "   2: 0264657F:0019 0100007F:9C40 01 00000000:00000000 00:00000000 00000000     0        0 3 1");
        assertThat(ListeningSockets.listening(lines, 25)).containsExactly("127.101.100.1");
        assertThat(ListeningSockets.listening(lines, 443)).containsExactly("127.80.1.10");
    }
}
