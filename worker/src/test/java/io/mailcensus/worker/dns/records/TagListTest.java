package io.mailcensus.worker.dns.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TagListTest {

    @Test
    void whitespaceAroundNamesEqualsAndSeparatorsIsAllowed() throws SyntaxError {
        TagList tags = TagList.parse(" v = DMARC1 ;\tp=none ; rua = mailto:a@x.example , mailto:b@x.example ;");
        assertThat(tags.tags()).extracting(TagList.Tag::name).containsExactly("v", "p", "rua");
        assertThat(tags.first("RUA")).hasValue("mailto:a@x.example , mailto:b@x.example");
    }

    @Test
    void valueMayContainEquals() throws SyntaxError {
        assertThat(TagList.parse("v=x; a=b=c").first("a")).hasValue("b=c");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "v=x;;", ";v=x", "v=x; novalue", "v=x; =y", ";"})
    void malformedLists(String text) {
        assertThatThrownBy(() -> TagList.parse(text)).isInstanceOf(SyntaxError.class);
    }

    @Test
    void oneTrailingSeparatorIsFine() throws SyntaxError {
        assertThat(TagList.parse("v=x; a=1; \t").tags()).hasSize(2);
    }
}
