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

    @Test
    void dnssecDefaultsToValidatingFromTheIanaRootAnchor() {
        var settings = options("validate", null).settings();
        assertThat(settings.dnssec()).isEqualTo(io.mailcensus.worker.dns.dnssec.DnssecMode.VALIDATE);
        assertThat(settings.trustAnchor().source()).isEqualTo("the IANA root anchor");
    }

    @Test
    void trustAnchorFileIsReadAtStartUp(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("ta.txt"),
                "test. IN DS 12345 13 2 3CA76A6A7DCE8AE4D8A7BDB0DD1E8C1ACC1FBDB2C2E49EC38C4F5B2D8D5A7A8B\n");
        assertThat(options("validate", file).settings().trustAnchor().records()).hasSize(1);
        assertThatThrownBy(() -> options("validate", dir.resolve("missing.txt")).settings())
                .isInstanceOf(UserException.class).hasMessageContaining("missing.txt does not exist");
        assertThatThrownBy(() -> options("trust-ad", file).settings())
                .isInstanceOf(UserException.class).hasMessage("--trust-anchor is used only with --dnssec validate");
    }

    @Test
    void unknownDnssecModeIsOneClearLine() {
        assertThatThrownBy(() -> options("sometimes", null).settings()).isInstanceOf(UserException.class)
                .hasMessage("--dnssec must be one of validate, trust-ad, off, not 'sometimes'");
        assertThat(options("trust-ad", null).settings().dnssec())
                .isEqualTo(io.mailcensus.worker.dns.dnssec.DnssecMode.TRUST_AD);
    }

    private static ProbeOptions options(String dnssec, java.nio.file.Path trustAnchor) {
        ProbeOptions o = new ProbeOptions();
        o.timeout = "5s";
        o.retries = 2;
        o.maxQueries = 256;
        o.concurrency = 256;
        o.dnssec = dnssec;
        o.trustAnchor = trustAnchor;
        return o;
    }
}
