package io.mailcensus.worker.dns.records;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** draft-brand-indicators-for-message-identification-10 4.3: bimi-version = "v" *WSP "=" *WSP "BIMI1" (case-insensitive ABNF string). */
class BimiVersionCaseTest {

    @ParameterizedTest
    @ValueSource(strings = {"v=bimi1; l=https://www.example.ch/logo.svg", "v=Bimi1; l=;", "v=BIMI1; l=;"})
    void theVersionIsMatchedInAnyCase(String record) {
        assertThat(BimiRecord.isCandidate(record)).isTrue();
        assertThat(BimiRecord.parse(record).valid()).isTrue();
    }
}
