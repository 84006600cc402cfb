package io.mailcensus.worker.optout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptOutListTest {

    private static final OptOutList LIST = OptOutList.parse("""
            # operators who asked us to stay away
            example.ch                 # the domain and everything under it
            *.wildcard.ch
            =mail.hosting.net          # exactly this host
            Bücher.CH.
            192.0.2.0/24
            198.51.100.7
            203.0.113.77/28            # host bits set: the /28 is meant
            10.0.0.0/8
            11.0.0.0/8                 # adjacent to the one above: merged
            2001:db8::/32
            2001:db8:1::/48            # inside the /32: merged
            fe80::25
            ::ffff:100.64.0.0/106      # IPv4-mapped IPv6 literal = 100.64.0.0/10
            """);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "example.ch, true",
            "EXAMPLE.CH., true",
            "mx1.example.ch, true",
            "a.b.c.example.ch, true",
            "notexample.ch, false",
            "example.ch.evil.net, false",
            "ch, false",
            "wildcard.ch, true",
            "mx.wildcard.ch, true",
            "mail.hosting.net, true",
            "MAIL.hosting.net., true",
            "other.hosting.net, false",
            "sub.mail.hosting.net, false",
            "hosting.net, false",
            "xn--bcher-kva.ch, true",
            "mx.bücher.ch, true",
            "example.com, false",
            "192.0.2.8, true",
            "[2001:db8::1], true",
    })
    void namesMatchTheNameAndItsSubdomainsOrExactlyWhenMarked(String name, boolean blocked) {
        assertThat(LIST.blocks(name)).isEqualTo(blocked);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "192.0.1.255, false",
            "192.0.2.0, true",
            "192.0.2.255, true",
            "192.0.3.0, false",
            "198.51.100.6, false",
            "198.51.100.7, true",
            "198.51.100.8, false",
            "203.0.113.63, false",
            "203.0.113.64, true",
            "203.0.113.79, true",
            "203.0.113.80, false",
            "9.255.255.255, false",
            "10.0.0.0, true",
            "11.255.255.255, true",
            "12.0.0.0, false",
            "100.63.255.255, false",
            "100.64.0.0, true",
            "100.127.255.255, true",
            "100.128.0.0, false",
            "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff, false",
            "2001:db8::, true",
            "2001:db8:1::25, true",
            "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff, true",
            "2001:db9::, false",
            "fe80::24, false",
            "fe80::25, true",
            "fe80::26, false",
            "::ffff:192.0.2.9, true",
            "::c000:209, true", // IPv4-compatible ::192.0.2.9 carries a listed address (issue 15)
            "0.0.0.0, false",
            "255.255.255.255, false",
            "::, false",
    })
    void addressesMatchCidrBlocksExactlyAtTheirEdges(String address, boolean blocked) {
        assertThat(LIST.blocks(InetAddress.ofLiteral(address))).isEqualTo(blocked);
    }

    @Test
    void overlappingAndAdjacentBlocksAreMerged() {
        // 192.0.2/24, 198.51.100.7, 203.0.113.64/28, 10/8+11/8, 2001:db8::/32 (+/48), fe80::25, 100.64/10
        assertThat(LIST.rangeCount()).isEqualTo(7);
        assertThat(LIST.nameCount()).isEqualTo(4);
        assertThat(LIST.malformedCount()).isZero();
    }

    @Test
    void malformedLinesAreCountedAndReportedNotFatal() {
        OptOutList list = OptOutList.parse("""
                good.ch
                192.0.2.0/33
                300.1.2.3
                2001:db8::/129
                bad_label-.ch
                two words.ch
                fe80::1%eth0
                10.1.2
                host/24
                -leading.ch
                0.0.0.0/0
                ::/0
                """);
        assertThat(list.malformedCount()).isEqualTo(9);
        assertThat(list.malformed()).extracting(OptOutList.MalformedLine::lineNumber)
                .containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(list.malformed().getFirst().reason()).contains("prefix length");
        assertThat(list.blocks("www.good.ch")).isTrue();
        // The catch-all blocks are legal, if drastic: everything is opted out.
        assertThat(list.blocks(InetAddress.ofLiteral("8.8.8.8"))).isTrue();
        assertThat(list.blocks(InetAddress.ofLiteral("2a00::1"))).isTrue();
    }

    @Test
    void hostOrAddressEitherBlocks() {
        assertThat(LIST.blocks("mx.elsewhere.net", InetAddress.ofLiteral("192.0.2.1"))).isTrue();
        assertThat(LIST.blocks("mx.example.ch", InetAddress.ofLiteral("8.8.8.8"))).isTrue();
        assertThat(LIST.blocks("mx.elsewhere.net", InetAddress.ofLiteral("8.8.8.8"))).isFalse();
    }

    @Test
    void anEmptyListBlocksNothing() {
        OptOutList empty = OptOutList.empty();
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.blocks("example.ch")).isFalse();
        assertThat(empty.blocks(InetAddress.ofLiteral("192.0.2.1"))).isFalse();
    }

    @Test
    void readsAFileAndAManyEntryListStaysFast(@TempDir Path dir) throws IOException {
        StringBuilder text = new StringBuilder("\uFEFF# generated\n");
        for (int i = 0; i < 50_000; i++) {
            text.append("d").append(i).append(".ch\n");
            text.append("10.").append(i >> 16).append('.').append((i >> 8) & 255).append('.').append(i & 255).append("/32\n");
        }
        Path file = dir.resolve("opt-out.txt");
        Files.writeString(file, text);
        OptOutList list = OptOutList.read(file);
        assertThat(list.malformedCount()).isZero();
        assertThat(list.nameCount()).isEqualTo(50_000);
        assertThat(list.rangeCount()).isEqualTo(1); // 10.0.0.0 .. 10.0.195.79, all adjacent
        assertThat(list.blocks("mx.d49999.ch")).isTrue();
        assertThat(list.blocks("d50000.ch")).isFalse();
        assertThat(list.blocks(InetAddress.ofLiteral("10.0.195.79"))).isTrue();
        assertThat(list.blocks(InetAddress.ofLiteral("10.0.195.80"))).isFalse();
    }
}
