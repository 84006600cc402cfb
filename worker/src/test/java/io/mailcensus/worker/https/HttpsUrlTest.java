package io.mailcensus.worker.https;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpsUrlTest {

    private final HttpsUrl base = new HttpsUrl("Example.COM.", 443, "/.well-known/security.txt");

    @Test
    void namesAreLowerCaseWithoutTheRootDot() {
        assertThat(base.toString()).isEqualTo("https://example.com/.well-known/security.txt");
        assertThat(new HttpsUrl("a.test", 8443, "/x").authority()).isEqualTo("a.test:8443");
    }

    @Test
    void redirectsResolveRelativeAndAbsoluteHttpsTargets() {
        assertThat(base.resolve("/security.txt", 443).orElseThrow().toString()).isEqualTo("https://example.com/security.txt");
        assertThat(base.resolve("other.txt", 443).orElseThrow().path()).isEqualTo("/.well-known/other.txt");
        assertThat(base.resolve("https://www.example.com/s.txt?x=1", 443).orElseThrow().toString())
                .isEqualTo("https://www.example.com/s.txt?x=1");
        assertThat(base.resolve("https://b\u00fccher.example/", 443).orElseThrow().host()).isEqualTo("xn--bcher-kva.example");
    }

    @Test
    void aRelativeRedirectKeepsThePortAndAnAbsoluteOneGetsTheDefault() {
        HttpsUrl test = new HttpsUrl("a.test", 8443, "/x");
        assertThat(test.resolve("/y", 443).orElseThrow().port()).isEqualTo(8443);
        assertThat(test.resolve("https://b.test/y", 443).orElseThrow().port()).isEqualTo(443);
        assertThat(test.resolve("https://b.test:9443/y", 443).orElseThrow().port()).isEqualTo(9443);
    }

    @Test
    void onlyHttpsToANameIsFollowed() {
        assertThat(base.resolve("http://example.com/security.txt", 443)).isEmpty();
        assertThat(base.resolve("ftp://example.com/", 443)).isEmpty();
        assertThat(base.resolve("https://192.0.2.1/", 443)).isEmpty();
        assertThat(base.resolve("https://[2001:db8::1]/", 443)).isEmpty();
        assertThat(base.resolve("::not a url::", 443)).isEmpty();
    }
}
