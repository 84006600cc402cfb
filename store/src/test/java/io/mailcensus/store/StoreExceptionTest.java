package io.mailcensus.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StoreExceptionTest {

    @Test
    void engineErrorBecomesOneLineWithItsCode() {
        StoreException e = StoreException.fromEngine(
                "Code: 62. DB::Exception: Syntax error: failed at position 1 (SELEC)\n: While executing X. (SYNTAX_ERROR)\n",
                "SELEC 1");

        assertThat(e.getMessage())
                .isEqualTo("Code: 62. DB::Exception: Syntax error: failed at position 1 (SELEC) : While executing X. (SYNTAX_ERROR)")
                .doesNotContain("\n");
        assertThat(e.engineCode()).isEqualTo(62);
        assertThat(e.sqlExcerpt()).isEqualTo("SELEC 1");
    }

    @Test
    void longStatementsAreCutInTheExcerptNotInTheMessage() {
        StoreException e = StoreException.fromEngine("no code here", "INSERT " + "x".repeat(10_000));

        assertThat(e.engineCode()).isEqualTo(-1);
        assertThat(e.sqlExcerpt()).hasSize(203).endsWith("...");
        assertThat(e.getMessage()).isEqualTo("no code here");
    }
}
