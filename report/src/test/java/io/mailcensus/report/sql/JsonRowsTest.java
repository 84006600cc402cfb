package io.mailcensus.report.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonRowsTest {

    @Test
    void readsOneObjectPerLineAndSkipsBlankLines() {
        assertThat(JsonRows.parse("{\"a\":1}\n\n{\"a\":2}\n")).hasSize(2);
        assertThat(JsonRows.parse("")).isEmpty();
    }

    @Test
    void readsCountsWhetherTheEngineQuotes64BitIntegersOrNot() {
        var row = JsonRows.parse("{\"plain\":9007199254740993,\"quoted\":\"9007199254740993\"}").getFirst();
        assertThat(JsonRows.count(row, "plain")).isEqualTo(9007199254740993L);
        assertThat(JsonRows.count(row, "quoted")).isEqualTo(9007199254740993L);
    }

    @Test
    void aMissingOrFractionalCountIsAnError() {
        var row = JsonRows.parse("{\"f\":1.5,\"n\":null}").getFirst();
        assertThatThrownBy(() -> JsonRows.count(row, "f")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> JsonRows.count(row, "n")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> JsonRows.count(row, "missing")).isInstanceOf(IllegalStateException.class);
        assertThat(JsonRows.nullableLong(row, "n")).isNull();
    }
}
