package io.mailcensus.worker.dns.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailcensus.worker.testing.SharedTestData;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DmarcRecordTest {

    /**
     * Where mox and checkdmarc disagree, we follow the newer RFC (9989) or the ABNF, as named.
     * These mox cases are skipped, each with its reason.
     */
    static final Map<String, String> MOX_SKIPS = Map.of(
            "v=DMARC1; p=reject; sp=invalid; rua=mailto:mjl@mox.example",
            "mox ignores an invalid sp when p and rua are fine; the ABNF (and checkdmarc) reject it",
            "v=DMARC1; sp=reject; p=reject",
            "mox wants p right after v (RFC 7489 ABNF); RFC 9989 allows any order (as checkdmarc)");

    static Stream<JsonNode> mox() {
        return SharedTestData.mox("dmarc-record").stream()
                .filter(c -> !MOX_SKIPS.containsKey(c.get("input").asText()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mox")
    void moxVectors(JsonNode c) {
        DmarcRecord parsed = DmarcRecord.parse(c.get("input").asText());
        assertThat(parsed.valid()).as(parsed.invalidReason()).isEqualTo(c.get("valid").asBoolean());
    }

    static Stream<JsonNode> checkdmarc() {
        return SharedTestData.checkdmarc("parse_dmarc_record").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checkdmarc")
    void checkdmarcVectors(JsonNode c) {
        DmarcRecord parsed = DmarcRecord.parse(c.get("input").asText());
        assertThat(parsed.valid()).as(parsed.invalidReason()).isEqualTo(c.get("expect").asText().equals("parses"));
    }

    static Stream<JsonNode> checkdmarcUris() {
        return SharedTestData.checkdmarc("parse_dmarc_report_uri").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checkdmarcUris")
    void checkdmarcReportUriVectors(JsonNode c) {
        boolean parses;
        try {
            ReportUris.checkDmarcUri("rua", c.get("input").asText());
            parses = true;
        } catch (SyntaxError e) {
            parses = false;
        }
        assertThat(parses).isEqualTo(c.get("expect").asText().equals("parses"));
    }

    @Test
    void readsEveryTagNormalised() {
        DmarcRecord r = DmarcRecord.parse("v=DMARC1; p=Reject; sp=quarantine; np=REJECT; pct=50; "
                + "rua=mailto:a@example.ch, mailto:b@report.example!10m; ruf=mailto:f@example.ch; "
                + "adkim=S; aspf=r; fo=0 : 1:D; t=y");
        assertThat(r.valid()).as(r.invalidReason()).isTrue();
        assertThat(r.p()).isEqualTo("reject");
        assertThat(r.sp()).isEqualTo("quarantine");
        assertThat(r.np()).isEqualTo("reject");
        assertThat(r.pct()).isEqualTo(50);
        assertThat(r.rua()).containsExactly("mailto:a@example.ch", "mailto:b@report.example!10m");
        assertThat(r.ruf()).containsExactly("mailto:f@example.ch");
        assertThat(r.adkim()).isEqualTo("s");
        assertThat(r.aspf()).isEqualTo("r");
        assertThat(r.fo()).isEqualTo("0:1:d");
        assertThat(r.t()).isEqualTo("y");
    }

    @Test
    void absentTagsStayNull() {
        DmarcRecord r = DmarcRecord.parse("v=DMARC1; p=none");
        assertThat(r.valid()).isTrue();
        assertThat(r.sp()).isNull();
        assertThat(r.pct()).isNull();
        assertThat(r.rua()).isEmpty();
        assertThat(r.fo()).isNull();
    }

    @Test
    void invalidPolicyIsReportedWithItsReasonAndOtherTagsAreStillRead() {
        DmarcRecord r = DmarcRecord.parse("v=DMARC1; p=monitor; rua=mailto:a@example.ch");
        assertThat(r.valid()).isFalse();
        assertThat(r.invalidReason()).contains("p=monitor");
        assertThat(r.p()).isNull();
        assertThat(r.rua()).containsExactly("mailto:a@example.ch");
    }

    @Test
    void missingPolicyWithReportAddressIsValidAsRfc7489Says() {
        DmarcRecord r = DmarcRecord.parse("v=DMARC1; rua=mailto:a@example.ch");
        assertThat(r.valid()).isTrue();
        assertThat(r.p()).isNull();
    }

    @Test
    void lowerCaseVersionIsDiscoveredButInvalid() {
        assertThat(DmarcRecord.isCandidate("v=dmarc1; p=none")).isTrue();
        DmarcRecord r = DmarcRecord.parse("v=dmarc1; p=none");
        assertThat(r.valid()).isFalse();
        assertThat(r.invalidReason()).contains("case-sensitive");
    }

    @ParameterizedTest
    @ValueSource(strings = {"v=DMARC1; p=none", "v=DMARC1", "V = DMARC1 ; P = reject", " v=DMARC1; p=none",
            "v=DMARC12", "v=dmarc1"})
    void candidatesStartWithTheVersionTag(String text) {
        assertThat(DmarcRecord.isCandidate(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"v=spf1 -all", "p=none; v=DMARC1", "", "v=DMARC", "dmarc1", "verification=abc"})
    void otherTextsAreNotDmarc(String text) {
        assertThat(DmarcRecord.isCandidate(text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"v=DMARC1; p=none; pct=101", "v=DMARC1; p=none; pct=-1", "v=DMARC1; p=none; pct=1.5",
            "v=DMARC1; p=none; adkim=relaxed", "v=DMARC1; p=none; fo=2", "v=DMARC1; p=none; t=yes",
            "v=DMARC1; p=none; np=block", "v=DMARC1; p=none; rua=mailto:a@example.ch,",
            "v=DMARC1; p=none; rua=a@example.ch", "v=DMARC1; p=none; P=reject", "v=DMARC1; p=none;;",
            "; v=DMARC1; p=none", "v=DMARC1; p=none; 1x=y", "v=DMARC1; p=none; rua=mailto:a@example.ch!10x"})
    void malformedRecordsAreInvalid(String text) {
        DmarcRecord r = DmarcRecord.parse(text);
        assertThat(r.valid()).isFalse();
        assertThat(r.invalidReason()).isNotBlank();
    }

    @Test
    void parseNeverThrows() {
        for (String odd : List.of("", ";", "=", "v", "v=", "v=DMARC1;=", "v=DMARC1; =x", "v=DMARC1; p=", "\u0000")) {
            assertThat(DmarcRecord.parse(odd).valid()).isFalse();
        }
    }
}
