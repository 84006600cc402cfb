package io.mailcensus.store.http;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BrowserGuardTest {

    private final BrowserGuard loopback = new BrowserGuard(new InetSocketAddress("127.0.0.1", 8123), Set.of("Census.Example"));
    private final BrowserGuard everywhere = new BrowserGuard(new InetSocketAddress("0.0.0.0", 8123), Set.of());

    @Test
    void theListenAddressLocalhostAndConfiguredNamesAreThisServersHosts() {
        for (String host : new String[] {"127.0.0.1:8123", "127.0.0.1", "localhost:8123", "census.example", "CENSUS.example:8123"}) {
            assertThatCode(() -> loopback.check(host, null)).as(host).doesNotThrowAnyException();
        }
        assertThatCode(() -> loopback.check(null, null)).doesNotThrowAnyException();
    }

    @Test
    void anyOtherNameOrAddressIsRefused() {
        for (String host : new String[] {"attacker.example", "attacker.example:8123", "127.0.0.2:8123", "[::1]:8123", ""}) {
            assertThatThrownBy(() -> loopback.check(host, null)).as(host).isInstanceOf(Refusal.class);
        }
    }

    @Test
    void listeningOnAllAddressesAcceptsAddressLiteralsButStillNoForeignName() {
        assertThatCode(() -> everywhere.check("192.0.2.7:8123", null)).doesNotThrowAnyException();
        assertThatCode(() -> everywhere.check("[2001:db8::7]:8123", null)).doesNotThrowAnyException();
        assertThatThrownBy(() -> everywhere.check("rebind.attacker.example:8123", null)).isInstanceOf(Refusal.class);
    }

    @Test
    void anOriginMustBeThisServersOwn() {
        assertThatCode(() -> loopback.check("127.0.0.1:8123", "http://127.0.0.1:8123")).doesNotThrowAnyException();
        assertThatCode(() -> loopback.check("localhost:8123", "http://localhost:8123")).doesNotThrowAnyException();
        for (String origin : new String[] {"http://evil.example", "null", "https://127.0.0.1:8123", "http://127.0.0.1:3000",
                "http://127.0.0.1"}) {
            assertThatThrownBy(() -> loopback.check("127.0.0.1:8123", origin)).as(origin).isInstanceOf(Refusal.class);
        }
    }
}
