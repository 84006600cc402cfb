package io.mailcensus.worker.spf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 7208 7.1: domain-end = ( "." toplabel [ "." ] ) / macro-expand, and macro-expand includes
 * "%%", "%_" and "%-": a domain-spec may end in one of them though they expand to plain text.
 */
class DomainSpecEndingInAMacroLiteralTest {

    @ParameterizedTest
    @ValueSource(strings = {"v=spf1 a:as%- -all", "v=spf1 a:as%_ -all", "v=spf1 include:x%% -all",
            "v=spf1 mx:%{d}%- -all", "v=spf1 exists:%{i}.%% -all"})
    void parses(String record) throws Exception {
        assertThat(SpfPolicy.parse(record)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"v=spf1 a:as%%- -all", "v=spf1 a:as%-x -all", "v=spf1 a:foo.1 -all"})
    void aLiteralEndIsStillJudged(String record) {
        assertThatThrownBy(() -> SpfPolicy.parse(record)).isInstanceOf(SpfSyntaxException.class);
    }
}
