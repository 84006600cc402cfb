package io.mailcensus.worker.spf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressesTest {

    @Test
    void c_macro_writes_ipv6_as_rfc_5952_text() {
        assertThat(Addresses.readable(InetAddress.ofLiteral("CAFE:BABE:0:0:0:0:0:1"))).isEqualTo("cafe:babe::1");
        assertThat(Addresses.readable(InetAddress.ofLiteral("2001:db8:0:1:0:0:0:1"))).isEqualTo("2001:db8:0:1::1");
        assertThat(Addresses.readable(InetAddress.ofLiteral("2001:db8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(Addresses.readable(InetAddress.ofLiteral("::"))).isEqualTo("::");
        assertThat(Addresses.readable(InetAddress.ofLiteral("2001:db8:0:1:1:1:1:1"))).isEqualTo("2001:db8:0:1:1:1:1:1");
    }

    @Test
    void reverse_names_for_ptr() {
        assertThat(Addresses.reverseName(InetAddress.ofLiteral("192.0.2.1"))).isEqualTo("1.2.0.192.in-addr.arpa");
        assertThat(Addresses.reverseName(InetAddress.ofLiteral("2001:db8::1")))
                .isEqualTo("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa");
    }

    @Test
    void cidr_matching() {
        InetAddress ip = InetAddress.ofLiteral("192.0.2.130");
        assertThat(Addresses.inNetwork(ip, InetAddress.ofLiteral("192.0.2.128"), 25)).isTrue();
        assertThat(Addresses.inNetwork(ip, InetAddress.ofLiteral("192.0.2.0"), 25)).isFalse();
        assertThat(Addresses.inNetwork(ip, InetAddress.ofLiteral("10.0.0.0"), 0)).isTrue();
        assertThat(Addresses.inNetwork(ip, InetAddress.ofLiteral("2001:db8::"), 0)).isFalse();
    }
}
