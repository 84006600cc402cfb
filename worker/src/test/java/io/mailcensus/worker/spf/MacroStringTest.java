package io.mailcensus.worker.spf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The examples of RFC 7208 section 7.4. */
class MacroStringTest {

    private static MacroContext context(String ip) {
        return new MacroContext(InetAddress.ofLiteral(ip), "strong-bad@email.example.com", "strong-bad",
                "email.example.com", "email.example.com", "mx.example.org", "unknown", 0);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "%{s}, strong-bad@email.example.com",
            "%{o}, email.example.com",
            "%{d}, email.example.com",
            "%{d4}, email.example.com",
            "%{d3}, email.example.com",
            "%{d2}, example.com",
            "%{d1}, com",
            "%{dr}, com.example.email",
            "%{d2r}, example.email",
            "%{l}, strong-bad",
            "%{l-}, strong.bad",
            "%{lr}, strong-bad",
            "%{lr-}, bad.strong",
            "%{l1r-}, strong",
            "%{ir}.%{v}._spf.%{d2}, 3.2.0.192.in-addr._spf.example.com",
            "%{lr-}.lp._spf.%{d2}, bad.strong.lp._spf.example.com",
            "%{lr-}.lp.%{ir}.%{v}._spf.%{d2}, bad.strong.lp.3.2.0.192.in-addr._spf.example.com",
            "%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}, 3.2.0.192.in-addr.strong.lp._spf.example.com",
            "%{d2}.trusted-domains.example.net, example.com.trusted-domains.example.net",
            "%%%_%-, '% %20'"})
    void expands_the_rfc_examples(String macro, String expected) throws SpfSyntaxException {
        assertThat(MacroString.parse(macro, false).expand(context("192.0.2.3"), null)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"%{ir}.%{v}._spf.%{d2}"})
    void expands_ipv6_as_nibbles(String macro) throws SpfSyntaxException {
        assertThat(MacroString.parse(macro, false).expand(context("2001:db8::cb01"), null))
                .isEqualTo("1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%{c}", "%{r}", "%{t}", "%{x}", "%{d0}", "%{d2x}", "%(d)", "%", "%{d", "a b"})
    void rejects_what_the_grammar_does_not_allow_outside_explanations(String macro) {
        assertThatThrownBy(() -> MacroString.parse(macro, false)).isInstanceOf(SpfSyntaxException.class);
    }
}
