package io.mailcensus.testbed.truth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProviderTruthTest {

    @Test
    void theProviderIsTheLastTwoLabelsUnderAnUnlistedTld() {
        assertThat(ProviderTruth.provider("mx1.mailhost2.example.")).isEqualTo("mailhost2.example");
        assertThat(ProviderTruth.provider("mail.d42.test.")).isEqualTo("d42.test");
        assertThat(ProviderTruth.provider("localhost.")).isEqualTo("localhost");
        assertThat(ProviderTruth.provider(".")).isEmpty();
    }
}
