package io.mailcensus.worker.dns.dnssec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;

class TrustAnchorTest {

    @Test
    void theShippedIanaAnchorHoldsKsk2017AndKsk2024() {
        TrustAnchor iana = TrustAnchor.ianaRoot();
        assertThat(iana.records()).hasSize(2).allMatch(r -> r.getName().equals(Name.root));
        assertThat(iana.records()).map(r -> ((DSRecord) r).getFootprint()).containsExactlyInAnyOrder(20326, 38696);
        assertThat(iana.covers(Name.fromConstantString("example.ch."))).isTrue();
    }

    @Test
    void readsAnUnboundStyleFileOfDnskeyOrDsRecordsWithRelativeOwners(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("anchor.txt");
        Files.writeString(file, """
                ; comment
                test. IN DS 12345 13 2 3CA76A6A7DCE8AE4D8A7BDB0DD1E8C1ACC1FBDB2C2E49EC38C4F5B2D8D5A7A8B
                test 3600 IN DNSKEY 257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==
                """);
        TrustAnchor anchor = TrustAnchor.fromFile(file);
        assertThat(anchor.records()).hasSize(2);
        assertThat(anchor.covers(Name.fromConstantString("a.test."))).isTrue();
        assertThat(anchor.covers(Name.fromConstantString("a.ch."))).isFalse();
    }

    @Test
    void aMissingEmptyOrBrokenFileFailsWithItsName(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> TrustAnchor.fromFile(dir.resolve("nope.txt")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope.txt").hasMessageContaining("does not exist");
        Path empty = Files.writeString(dir.resolve("empty.txt"), "; nothing\n");
        assertThatThrownBy(() -> TrustAnchor.fromFile(empty))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no DS or DNSKEY");
        Path broken = Files.writeString(dir.resolve("broken.txt"), ". IN DS not a ds record\n");
        assertThatThrownBy(() -> TrustAnchor.fromFile(broken))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("broken.txt");
    }

    @Test
    void modesParseFromTheirCommandLineSpelling() {
        assertThat(DnssecMode.parse("validate")).isEqualTo(DnssecMode.VALIDATE);
        assertThat(DnssecMode.parse("trust-ad")).isEqualTo(DnssecMode.TRUST_AD);
        assertThat(DnssecMode.parse("off")).isEqualTo(DnssecMode.OFF);
        assertThatThrownBy(() -> DnssecMode.parse("maybe")).hasMessage("--dnssec must be one of validate, trust-ad, off, not 'maybe'");
    }
}
