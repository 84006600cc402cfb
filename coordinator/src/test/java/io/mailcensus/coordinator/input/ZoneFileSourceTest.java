package io.mailcensus.coordinator.input;

import static org.assertj.core.api.Assertions.assertThat;

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
    void aBadRecordIsReportedWithItsLineAndTheRestIsRead() throws IOException {
        Path zone = dir.resolve("bad.zone");
        Files.writeString(zone, """
                $ORIGIN ch.
                $TTL 3600
                before IN NS ns1.hoster.ch.
                broken IN NS
                mangled IN NOSUCHTYPE whatever
                after IN NS ns1.hoster.ch.
                """);
        List<String> names = new ArrayList<>();
        List<NameSource.Unreadable> bad = new ArrayList<>();
        new ZoneFileSource(zone, null).forEach(names::add, bad::add);
        assertThat(names).containsExactly("before.ch", "after.ch");
        assertThat(bad).extracting(NameSource.Unreadable::reason).containsOnly(io.mailcensus.core.name.Rejection.BAD_RECORD);
        assertThat(bad).extracting(NameSource.Unreadable::line).contains(4L, 5L);
    }

    @Test
    void anIncludeIsNeverFollowed() throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "root:x:0:0:root:/root:/bin/bash\n");
        Path zone = dir.resolve("include.zone");
        Files.writeString(zone, "$ORIGIN ch.\n$TTL 60\nbefore IN NS ns1.hoster.ch.\n$INCLUDE " + secret
                + "\nafter IN NS ns1.hoster.ch.\n");
        List<String> names = new ArrayList<>();
        List<NameSource.Unreadable> bad = new ArrayList<>();
        new ZoneFileSource(zone, null).forEach(names::add, bad::add);
        assertThat(names).containsExactly("before.ch", "after.ch");
        assertThat(bad).singleElement().satisfies(u -> {
            assertThat(u.reason()).isEqualTo(io.mailcensus.core.name.Rejection.INCLUDE);
            assertThat(u.line()).isEqualTo(4);
            assertThat(u.excerpt()).doesNotContain("root:");
        });
    }

    @Test
    void anIncludeInsideTheAllowedDirectoryIsRead() throws IOException {
        Path parts = Files.createDirectories(dir.resolve("parts"));
        Files.writeString(parts.resolve("more.zone"), "$TTL 60\nincluded IN NS ns1.hoster.ch.\n");
        Path outside = dir.resolve("outside.zone");
        Files.writeString(outside, "$TTL 60\nescaped IN NS ns1.hoster.ch.\n");
        Files.createSymbolicLink(parts.resolve("link.zone"), outside);
        Path zone = dir.resolve("main.zone");
        Files.writeString(zone, "$ORIGIN ch.\n$TTL 60\nbefore IN NS ns1.hoster.ch.\n$INCLUDE more.zone\n"
                + "$INCLUDE ../outside.zone\n$INCLUDE link.zone\n$INCLUDE " + outside + "\nafter IN NS ns1.hoster.ch.\n");
        List<String> names = new ArrayList<>();
        List<NameSource.Unreadable> bad = new ArrayList<>();
        new ZoneFileSource(zone, null, parts).forEach(names::add, bad::add);
        assertThat(names).containsExactlyInAnyOrder("before.ch", "included.ch", "after.ch");
        assertThat(bad).extracting(NameSource.Unreadable::line).containsExactly(5L, 6L, 7L);
        assertThat(bad).extracting(NameSource.Unreadable::reason).containsOnly(io.mailcensus.core.name.Rejection.INCLUDE);
    }

    @Test
    void aFileThatIncludesItselfStops() throws IOException {
        Path zone = dir.resolve("self.zone");
        Files.writeString(zone, "$ORIGIN ch.\n$TTL 60\nme IN NS ns1.hoster.ch.\n$INCLUDE self.zone\n");
        List<String> names = new ArrayList<>();
        List<NameSource.Unreadable> bad = new ArrayList<>();
        new ZoneFileSource(zone, null, dir).forEach(names::add, bad::add);
        assertThat(names).hasSize(ZoneFileSource.MAX_INCLUDE_DEPTH + 1).containsOnly("me.ch");
        assertThat(bad).singleElement().satisfies(u -> assertThat(u.excerpt()).contains("nested deeper than"));
    }
}
