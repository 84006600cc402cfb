package io.mailcensus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProbeOptionsTest {

    @Test
    void resolverDefaultsToPort53AndTakesIpv6InBrackets() {
        assertThat(ProbeOptions.resolver("127.0.0.1")).isEqualTo(new InetSocketAddress("127.0.0.1", 53));
        assertThat(ProbeOptions.resolver("127.0.0.2:5353")).isEqualTo(new InetSocketAddress("127.0.0.2", 5353));
        assertThat(ProbeOptions.resolver("[::1]:5300")).isEqualTo(new InetSocketAddress("::1", 5300));
        assertThat(ProbeOptions.resolver("[::1]")).isEqualTo(new InetSocketAddress("::1", 53));
        assertThat(ProbeOptions.resolver("::1")).isEqualTo(new InetSocketAddress("::1", 53));
    }

    @Test
    void badResolverIsAUserError() {
        assertThatThrownBy(() -> ProbeOptions.resolver("127.0.0.1:99999")).isInstanceOf(UserException.class)
                .hasMessageContaining("bad port");
        assertThatThrownBy(() -> ProbeOptions.resolver("[::1")).isInstanceOf(UserException.class);
        assertThatThrownBy(() -> ProbeOptions.resolver(":53")).isInstanceOf(UserException.class);
    }

    @Test
    void durationsReadAsPeopleWriteThem() {
        assertThat(ProbeOptions.duration("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(ProbeOptions.duration("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(ProbeOptions.duration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(ProbeOptions.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(ProbeOptions.duration("PT3S")).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> ProbeOptions.duration("soon")).isInstanceOf(UserException.class);
    }
}
