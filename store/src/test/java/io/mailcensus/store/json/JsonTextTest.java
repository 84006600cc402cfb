package io.mailcensus.store.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    private static String quoted(String value) {
        StringBuilder out = new StringBuilder();
        JsonText.appendQuoted(out, value);
        return out.toString();
    }

    @Test
    void plainTextIsCopiedAsIs() {
        assertThat(quoted("v=spf1 -all")).isEqualTo("\"v=spf1 -all\"");
        assertThat(quoted("")).isEqualTo("\"\"");
    }

    @Test
    void quotesBackslashesAndControlCharactersAreEscaped() {
        assertThat(quoted("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(quoted("\n\r\t\b\f")).isEqualTo("\"\\n\\r\\t\\b\\f\"");
        assertThat(quoted("\u0000\u0007\u001f")).isEqualTo("\"\\u0000\\u0007\\u001f\"");
    }

    @Test
    void nonAsciiAndNonBmpTravelAsTextNotEscapes() {
        assertThat(quoted("é 😀 \u2028 \u007f")).isEqualTo("\"é 😀 \u2028 \u007f\"");
    }

    @Test
    void loneSurrogatesBecomeTheReplacementCharacter() {
        assertThat(quoted("a\ud83db")).isEqualTo("\"a\uFFFDb\"");
        assertThat(quoted("end\ud83d")).isEqualTo("\"end\uFFFD\"");
        assertThat(quoted("\ude00x")).isEqualTo("\"\uFFFDx\"");
    }

    @Test
    void everyCharacterRoundTripsThroughAJsonParser() throws Exception {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0xD800; c++) {
            all.append(c);
        }
        all.appendCodePoint(0x1F600).appendCodePoint(0x10FFFF);

        String parsed = new ObjectMapper().readValue(quoted(all.toString()), String.class);

        assertThat(parsed).isEqualTo(all.toString());
    }
}
