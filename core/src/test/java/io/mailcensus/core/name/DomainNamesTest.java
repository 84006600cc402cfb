package io.mailcensus.core.name;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DomainNamesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "example.ch, example.ch, example.ch",
        "EXAMPLE.CH., example.ch, example.ch",
        "'  Mixed.Case.Ch  ', mixed.case.ch, mixed.case.ch",
        "zürich.ch, xn--zrich-kva.ch, zürich.ch",
        "ZÜRICH.CH, xn--zrich-kva.ch, zürich.ch",
        "xn--zrich-kva.ch, xn--zrich-kva.ch, zürich.ch",
        "straße.de, xn--strae-oqa.de, straße.de",
        "bücher-ä.ch, xn--bcher--gua0q.ch, bücher-ä.ch",
        "a-b.c-d.ch, a-b.c-d.ch, a-b.c-d.ch",
        "123.ch, 123.ch, 123.ch",
    })
    void acceptsAndNormalises(String input, String ascii, String unicode) {
        NameResult r = DomainNames.normalize(input);
        assertThat(r).isEqualTo(new NameResult.Accepted(new DomainName(ascii, unicode)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "http://example.ch, URL",
        "https://example.ch/path, URL",
        "info@example.ch, EMAIL",
        "'exa mple.ch', WHITESPACE",
        "ch, SINGLE_LABEL",
        "localhost, SINGLE_LABEL",
        "example..ch, EMPTY_LABEL",
        ".example.ch, EMPTY_LABEL",
        "'', EMPTY_LABEL",
        "ex_ample.ch, BAD_CHARACTER",
        "example.ch/path, BAD_CHARACTER",
        "-example.ch, BAD_HYPHEN",
        "example-.ch, BAD_HYPHEN",
        "192.168.1.1, NUMERIC_TLD",
        "xn--zzzzzzzz-.ch, BAD_HYPHEN",
        "xn--a.ch, BAD_IDN",
    })
    void rejectsWithAReason(String input, Rejection reason) {
        NameResult r = DomainNames.normalize(input);
        assertThat(r).isEqualTo(new NameResult.Rejected(input, reason));
    }

    @org.junit.jupiter.api.Test
    void rejectsLabelsLongerThan63Octets() {
        String longLabel = "a".repeat(300) + ".ch";
        assertThat(DomainNames.normalize(longLabel))
                .isEqualTo(new NameResult.Rejected(longLabel, Rejection.LABEL_TOO_LONG));
        String longUnicode = "ü".repeat(70) + ".ch";
        assertThat(DomainNames.normalize(longUnicode))
                .isEqualTo(new NameResult.Rejected(longUnicode, Rejection.LABEL_TOO_LONG));
    }

    @org.junit.jupiter.api.Test
    void rejectsNamesLongerThan253Octets() {
        String name = ("a".repeat(60) + ".").repeat(5) + "ch";
        assertThat(DomainNames.normalize(name))
                .isEqualTo(new NameResult.Rejected(name, Rejection.NAME_TOO_LONG));
    }

    @org.junit.jupiter.api.Test
    void idnFlagFollowsALabels() {
        assertThat(new DomainName("xn--zrich-kva.ch", "zürich.ch").isIdn()).isTrue();
        assertThat(new DomainName("sub.xn--zrich-kva.ch", "sub.zürich.ch").isIdn()).isTrue();
        assertThat(new DomainName("example.ch", "example.ch").isIdn()).isFalse();
    }
}
