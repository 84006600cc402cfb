package io.mailcensus.report.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlTemplateTest {

    private final SqlTemplate template =
            new SqlTemplate("t.sql", "SELECT 1 FROM t WHERE scan_id = {scan:String} AND x = {scan: String} LIMIT {top:UInt32}");

    @Test
    void replacesEveryPlaceholderWithALiteralOfItsType() {
        assertThat(template.bind(Map.of("scan", "2026-11-28T10:00Z", "top", 10)))
                .isEqualTo("SELECT 1 FROM t WHERE scan_id = '2026-11-28T10:00Z' AND x = '2026-11-28T10:00Z' LIMIT 10");
    }

    @Test
    void aQuoteInAScanIdStaysInsideTheLiteral() {
        assertThat(template.bind(Map.of("scan", "x' OR 1=1 --\\", "top", 1)))
                .startsWith("SELECT 1 FROM t WHERE scan_id = 'x\\' OR 1=1 --\\\\' AND");
    }

    @Test
    void controlCharactersAreEscaped() {
        assertThat(SqlTemplate.quote("a\nb\0c\r")).isEqualTo("'a\\nb\\0c\\r'");
    }

    @Test
    void listsItsParametersOnce() {
        assertThat(template.parameters()).containsExactly("scan", "top");
    }

    @Test
    void aPlaceholderWithoutAValueIsAnError() {
        assertThatThrownBy(() -> template.bind(Map.of("scan", "s")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("{top}");
    }

    @Test
    void anUnsignedParameterRejectsNegativeAndNonIntegerValues() {
        assertThatThrownBy(() -> template.bind(Map.of("scan", "s", "top", -1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> template.bind(Map.of("scan", "s", "top", "1; DROP TABLE scans")))
                .isInstanceOf(NumberFormatException.class);
    }

    @Test
    void anUnknownTypeIsAnErrorNotAGuess() {
        assertThatThrownBy(() -> new SqlTemplate("t", "SELECT {d:Date}").bind(Map.of("d", "2026-01-01")))
                .hasMessageContaining("Date");
    }
}
