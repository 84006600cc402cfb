package io.mailcensus.worker.wellknown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailcensus.worker.testing.SharedTestData;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MtaStsPolicyTest {

    /** checkdmarc cases that contradict RFC 8461, by test name, with the reason. */
    private static final Map<String, String> CHECKDMARC_SKIPPED = Map.of(
            "testParseMtaStsPolicyUnexpectedKey",
            "RFC 8461 3.2 allows extension fields (sts-policy-extension); 'badkey' is a well-formed"
                    + " extension name, so the policy is valid (mox's vectors agree: 'more:ext e  ns ion' is valid)");

    static Stream<JsonNode> moxPolicies() {
        return SharedTestData.mox("mtasts-policy").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("moxPolicies")
    void moxPolicyVectors(JsonNode c) {
        MtaStsPolicy policy = MtaStsPolicy.parse(c.get("input").asText());
        assertThat(policy.valid()).as("%s: %s", c.path("comment").asText(""), policy.invalidReason())
                .isEqualTo(c.get("valid").asBoolean());
    }

    static Stream<JsonNode> moxMxMatches() {
        return SharedTestData.mox("mtasts-mx-match").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("moxMxMatches")
    void moxMxMatchVectors(JsonNode c) {
        String policyText = SharedTestData.json("vectors/mox-vectors.json").get("mtasts-mx-match-policy").asText();
        MtaStsPolicy policy = MtaStsPolicy.parse(policyText);
        assertThat(policy.valid()).as(policy.invalidReason()).isTrue();
        assertThat(policy.matches(c.get("input").asText())).isEqualTo(c.get("valid").asBoolean());
    }

    static Stream<JsonNode> checkdmarcPolicies() {
        return SharedTestData.checkdmarc("parse_mta_sts_policy").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checkdmarcPolicies")
    void checkdmarcPolicyVectors(JsonNode c) {
        String test = c.get("test").asText();
        assumeTrue(!CHECKDMARC_SKIPPED.containsKey(test), () -> test + " skipped: " + CHECKDMARC_SKIPPED.get(test));
        MtaStsPolicy policy = MtaStsPolicy.parse(c.get("input").asText());
        assertThat(policy.valid()).as("%s: %s", test, policy.invalidReason())
                .isEqualTo(c.get("expect").asText().equals("parses"));
    }

    @Test
    void theSkippedCheckdmarcCaseIsValidAsAnExtension() {
        assertThat(MtaStsPolicy.parse("version: STSv1\r\nmode: enforce\r\nmax_age: 86400\r\nmx: mail.example.com\r\n"
                + "badkey: badvalue\r\n").valid()).isTrue();
    }

    @Test
    void readsModeMaxAgeAndPatternsWithCrlfOrLf() {
        for (String eol : List.of("\r\n", "\n")) {
            MtaStsPolicy policy = MtaStsPolicy.parse(String.join(eol, "version: STSv1", "mode: enforce",
                    "mx: MX1.Example.com", "mx: *.example.net", "max_age: 604800") + eol);
            assertThat(policy.valid()).as(policy.invalidReason()).isTrue();
            assertThat(policy.mode()).isEqualTo("enforce");
            assertThat(policy.maxAge()).isEqualTo(604800L);
            assertThat(policy.mx()).containsExactly("mx1.example.com", "*.example.net");
        }
    }

    @Test
    void maxAgeIsAtMostOneYear() {
        assertThat(MtaStsPolicy.parse("version: STSv1\nmode: none\nmax_age: 31557600\n").valid()).isTrue();
        assertThat(MtaStsPolicy.parse("version: STSv1\nmode: none\nmax_age: 31557601\n").invalidReason())
                .contains("31557600");
    }

    @Test
    void modeNoneNeedsNoMx() {
        assertThat(MtaStsPolicy.parse("version: STSv1\nmode: none\nmax_age: 86400").valid()).isTrue();
    }

    @Test
    void fieldNamesAndValuesAreCaseSensitive() {
        assertThat(MtaStsPolicy.parse("Version: STSv1\nmode: none\nmax_age: 1").valid()).isFalse();
        assertThat(MtaStsPolicy.parse("version: STSv1\nmode: Enforce\nmax_age: 1\nmx: a.example").valid()).isFalse();
    }

    @Test
    void aRepeatedFieldIsInvalidButRepeatedMxIsNot() {
        assertThat(MtaStsPolicy.parse("version: STSv1\nversion: STSv1\nmode: none\nmax_age: 1").valid()).isFalse();
        assertThat(MtaStsPolicy.parse("version: STSv1\nmode: testing\nmax_age: 1\nmx: a.example\nmx: b.example")
                .mx()).hasSize(2);
    }

    @Test
    void wildcardsMatchExactlyOneLabel() {
        assertThat(MxPatterns.matchesAny(List.of("*.example.com"), "mx.example.com.")).isTrue();
        assertThat(MxPatterns.matchesAny(List.of("*.example.com"), "MX.EXAMPLE.COM")).isTrue();
        assertThat(MxPatterns.matchesAny(List.of("*.example.com"), "example.com")).isFalse();
        assertThat(MxPatterns.matchesAny(List.of("*.example.com"), "a.b.example.com")).isFalse();
        assertThat(MxPatterns.matchesAny(List.of("mx.example.com"), "mx.example.com")).isTrue();
    }
}
