package io.mailcensus.coordinator.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;

/** Failures a transfer meets before any server answers; AxfrSourceIT has a real Knot. */
class AxfrSourceTest {

    @TempDir
    Path spool;

    @Test
    @Timeout(30)
    void aServerThatNeverAnswersIsATimeoutInOneLine() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = silent.accept()) {
                    Thread.sleep(10_000);
                } catch (IOException | InterruptedException ignored) {
                    // the test is over
                }
            });
            AxfrSource source = new AxfrSource((InetSocketAddress) silent.getLocalSocketAddress(),
                    Name.fromConstantString("ch."), null, Duration.ofSeconds(1), spool);
            assertThatThrownBy(() -> source.forEach(n -> {}))
                    .isInstanceOf(IOException.class)
                    .hasMessage("AXFR of ch. from 127.0.0.1:" + silent.getLocalPort()
                            + ": timed out (no data for 1 s after 0 records)");
        }
        assertThat(spool).isEmptyDirectory();
    }

    @Test
    void aClosedPortIsAConnectionErrorInOneLine() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        AxfrSource source = new AxfrSource(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                Name.fromConstantString("ch."), null, Duration.ofSeconds(5), spool);
        assertThatThrownBy(() -> source.forEach(n -> {}))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("AXFR of ch. from 127.0.0.1:" + port + ": cannot connect")
                .hasMessageNotContaining("\n");
    }

    @Test
    void isBuiltFromCommandLineStrings() {
        AxfrSource source = AxfrSource.of("127.0.0.1:5353", "ch", "hmac-sha256:transfer:YWJj");
        assertThat(source.describe()).isEqualTo("axfr ch. from 127.0.0.1:5353 (TSIG transfer)");
        assertThat(AxfrSource.of("[::1]", "ch.", null).describe()).isEqualTo("axfr ch. from [0:0:0:0:0:0:0:1]:53");
        assertThat(AxfrSource.of("::1", "ch.", null).describe()).isEqualTo("axfr ch. from [0:0:0:0:0:0:0:1]:53");
    }

    @Test
    void commandLineMistakesAreOneLine() {
        assertThatThrownBy(() -> AxfrSource.of("127.0.0.1", null, null))
                .hasMessage("--axfr needs --zone-name, e.g. --zone-name ch.");
        assertThatThrownBy(() -> AxfrSource.of("127.0.0.1:99999", "ch", null))
                .hasMessage("server 127.0.0.1:99999: bad port '99999'");
        assertThatThrownBy(() -> AxfrSource.of("[::1", "ch", null)).hasMessage("server [::1: missing ]");
        assertThatThrownBy(() -> AxfrSource.of(":53", "ch", null)).hasMessage("server :53: no host");
        assertThatThrownBy(() -> AxfrSource.of("127.0.0.1", "ch", "hmac-md5:k:YWJj"))
                .hasMessageStartingWith("TSIG algorithm 'hmac-md5' unknown");
    }
}
