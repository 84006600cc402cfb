package io.mailcensus.testbed.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecordListTest {

    @Test
    void quotesEscapeQuotesBackslashesAndNonAscii() {
        assertThat(RecordList.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(RecordList.quote("é")).isEqualTo("\"\\195\\169\"");
    }

    @Test
    void longTextIsCutInto255OctetStrings() {
        String text = "x".repeat(600);
        assertThat(RecordList.chunks(text)).extracting(String::length).containsExactly(255, 255, 90);
        assertThat(String.join("", RecordList.chunks(text))).isEqualTo(text);
    }

    @Test
    void aTxtRecordKeepsTheGivenStrings() {
        RecordList r = new RecordList().txt("a.test.", List.of("v=spf1 ", "-all"));
        assertThat(r.lines()).containsExactly("a.test. IN TXT \"v=spf1 \" \"-all\"");
        assertThatThrownBy(() -> new RecordList().txt("a.test.", List.of("y".repeat(256))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
