package io.mailcensus.worker.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostnameMatcherTest {

    static final TestPki.Issued CA = TestPki.root("CN=Name Test CA", TestPki.ec("secp256r1"));

    @Test
    void wildcard_is_a_whole_leftmost_label_matching_exactly_one_label() {
        assertThat(HostnameMatcher.nameMatches("*.example.ch", "mx.example.ch")).isTrue();
        assertThat(HostnameMatcher.nameMatches("*.example.ch", "a.mx.example.ch")).isFalse();
        assertThat(HostnameMatcher.nameMatches("*.example.ch", "example.ch")).isFalse();
        assertThat(HostnameMatcher.nameMatches("m*.example.ch", "mx.example.ch")).isFalse();
        assertThat(HostnameMatcher.nameMatches("mx.*.ch", "mx.example.ch")).isFalse();
        assertThat(HostnameMatcher.nameMatches("*.ch", "example.ch")).isFalse();
    }

    @Test
    void comparison_ignores_case_and_a_trailing_dot() {
        assertThat(HostnameMatcher.nameMatches("MX.Example.CH", HostnameMatcher.normalise("mx.example.ch."))).isTrue();
        assertThat(HostnameMatcher.nameMatches("mx.example.ch.", "mx.example.ch")).isTrue();
    }

    @Test
    void unicode_reference_names_are_compared_as_a_labels() {
        TestPki.Issued leaf = TestPki.leaf("CN=x", TestPki.ec("secp256r1"), CA, "mx.xn--bcher-kva.ch");

        assertThat(HostnameMatcher.matches(leaf.cert(), List.of("mx.bücher.ch"))).isTrue();
    }

    @Test
    void common_name_counts_only_without_dns_names() {
        TestPki.Issued cnOnly = TestPki.leaf("CN=mx.example.ch,O=Example", TestPki.ec("secp256r1"), CA);
        TestPki.Issued withSans = TestPki.leaf("CN=mx.example.ch", TestPki.ec("secp256r1"), CA, "other.example.ch");

        assertThat(HostnameMatcher.matches(cnOnly.cert(), List.of("mx.example.ch"))).isTrue();
        assertThat(HostnameMatcher.matches(withSans.cert(), List.of("mx.example.ch"))).isFalse();
        assertThat(HostnameMatcher.matches(withSans.cert(), List.of("other.example.ch"))).isTrue();
    }

    @Test
    void any_reference_identifier_may_match() {
        TestPki.Issued leaf = TestPki.leaf("CN=x", TestPki.ec("secp256r1"), CA, "mx.provider.net");

        assertThat(HostnameMatcher.matches(leaf.cert(), List.of("mx.example.ch", "mx.provider.net"))).isTrue();
        assertThat(HostnameMatcher.matches(leaf.cert(), List.of("*.provider.net"))).isFalse();
    }
}
