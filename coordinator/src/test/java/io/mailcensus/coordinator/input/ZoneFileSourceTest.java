package io.mailcensus.coordinator.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZoneFileSourceTest {

    @TempDir
    Path dir;

    @Test
    void yieldsTheDelegationsOfATldZone() throws IOException {
        Path zone = dir.resolve("ch.zone");
        Files.writeString(zone, """
                $ORIGIN ch.
                $TTL 3600
                @       IN SOA a.nic.ch. hostmaster.nic.ch. 1 3600 900 604800 3600
                @       IN NS  a.nic.ch.
                @       IN NS  b.nic.ch.
                example IN NS  ns1.hoster.ch.
                example IN NS  ns2.hoster.ch.
                example IN DS  12345 13 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF
                xn--zrich-kva IN NS ns1.hoster.ch.
                ns1.hoster IN A 192.0.2.1
                hoster  IN NS  ns1.hoster.ch.
                Other.CH. IN NS ns.elsewhere.net.
                """);
        List<String> names = new ArrayList<>();
        new ZoneFileSource(zone, null).forEach(names::add);
        assertThat(names).containsExactly("example.ch", "xn--zrich-kva.ch", "hoster.ch", "Other.CH");
    }

    @Test
    void aBrokenZoneFileIsAClearError() throws IOException {
        Path zone = dir.resolve("bad.zone");
        Files.writeString(zone, "$ORIGIN ch.\nexample IN NS\n");
        assertThatThrownBy(() -> new ZoneFileSource(zone, null).forEach(n -> {}))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("bad.zone");
    }
}
