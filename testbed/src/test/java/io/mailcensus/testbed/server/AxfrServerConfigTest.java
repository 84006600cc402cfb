package io.mailcensus.testbed.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AxfrServerConfigTest {

    private final Path state = Path.of("/tmp/axfr/state");
    private final InetSocketAddress listen = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5354);

    @Test
    void withAKeyOnlyItsHoldersMayTransfer() {
        String conf = AxfrServer.config(state, state.resolve("knot.sock"), "ch", Path.of("/zones/ch.zone"), listen,
                new AxfrServer.TsigKey("hmac-sha512", "zonedata", "c2VjcmV0"));
        assertThat(conf)
                .contains("listen: [ \"127.0.0.1@5354\" ]")
                .contains("key:\n  - id: \"zonedata\"\n    algorithm: hmac-sha512\n    secret: c2VjcmV0\n")
                .contains("action: transfer\n    key: \"zonedata\"\n")
                .contains("domain: \"ch.\"", "storage: \"/zones\"", "file: \"ch.zone\"", "acl: transfer");
    }

    @Test
    void withoutAKeyTransfersAreOpenToLoopback() {
        String conf = AxfrServer.config(state, state.resolve("knot.sock"), "ch.", Path.of("/zones/ch.zone"), listen, null);
        assertThat(conf).contains("address: [ \"127.0.0.0/8\", \"::1\" ]", "action: transfer", "domain: \"ch.\"")
                .doesNotContain("key:");
        assertThat(new AxfrServer.TsigKey("hmac-sha256", "k", "c2VjcmV0").toString()).doesNotContain("c2VjcmV0");
    }
}
