package io.mailcensus.store.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryParametersTest {

    @Test
    void aPlaceholderBecomesATypedLiteral() {
        assertThat(QueryParameters.bind("SELECT {n:UInt32} + 1", Map.of("n", "41")))
                .isEqualTo("SELECT CAST('41' AS UInt32) + 1");
    }

    @Test
    void aValueCannotEndItsLiteralEarly() {
        String sql = QueryParameters.bind("SELECT {s:String}", Map.of("s", "\\' OR 1=1 --"));

        assertThat(sql).isEqualTo("SELECT CAST('\\' OR 1=1 --' AS String)");
    }

    @Test
    void escapesInTheValueAreClickHousesTextEscapes() {
        assertThat(QueryParameters.bind("SELECT {s:String}", Map.of("s", "a\\tb\\\\c")))
                .isEqualTo("SELECT CAST('a\tb\\\\c' AS String)");
    }

    @Test
    void anIdentifierIsQuotedAsAnIdentifier() {
        assertThat(QueryParameters.bind("SELECT count() FROM {t:Identifier}", Map.of("t", "domain_results")))
                .isEqualTo("SELECT count() FROM `domain_results`");
    }

    @Test
    void bracesInStringsAndCommentsAreNotPlaceholders() {
        String sql = "SELECT '{a:UInt8}', x -- {b:UInt8}\nFROM t /* {c:UInt8} */";

        assertThat(QueryParameters.bind(sql, Map.of())).isEqualTo(sql);
    }

    @Test
    void aMissingValueIsTheServersUnknownParameterError() {
        assertThatThrownBy(() -> QueryParameters.bind("SELECT {n:UInt8}", Map.of()))
                .hasMessageContaining("Code: 456.");
    }
}
