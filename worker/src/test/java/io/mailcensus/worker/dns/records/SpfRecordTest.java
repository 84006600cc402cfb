package io.mailcensus.worker.dns.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailcensus.schemas.SpfAll;
import io.mailcensus.worker.testing.SharedTestData;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;

class SpfRecordTest {

    @ParameterizedTest
    @ValueSource(strings = {"v=spf1", "v=spf1 -all", "V=SPF1 -all", "v=Spf1 include:_spf.google.com ~all",
            "v=spf1 ", "v=spf1  ip4:192.0.2.1  -all"})
    void versionTokenFollowedBySpaceOrEndIsSpf(String text) {
        assertThat(SpfRecord.isSpf(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"v=spf10", "v=spf10 -all", "v=spf1-all", "v=spf1\t-all", "spf2.0/pra include:x -all",
            "spf2.0/mfrom,pra -all", " v=spf1 -all", "v=spf", "v=spf2 -all", "", "txt v=spf1 -all",
            "\"v=spf1 -all\"", "v =spf1 -all", "google-site-verification=abc", "MS=ms12345678"})
    void anythingElseIsNotSpf(String text) {
        assertThat(SpfRecord.isSpf(text)).isFalse();
    }

    @Test
    void characterStringsAreConcatenatedWithoutSpaces() {
        TXTRecord split = new TXTRecord(Name.root, DClass.IN, 300,
                List.of("v=spf1 ip4:147.75.8.208 ", "include:_spf.salesforce.com -all"));
        String text = TxtText.of(split);
        assertThat(text).isEqualTo("v=spf1 ip4:147.75.8.208 include:_spf.salesforce.com -all");
        assertThat(SpfRecord.isSpf(text)).isTrue();
        assertThat(SpfRecord.parse(text).all()).isEqualTo(SpfAll.fail);
    }

    @Test
    void versionTokenSplitAcrossStringsIsStillFound() {
        // The seed tool matched per 255-byte chunk; RFC 7208 3.3 joins them first.
        TXTRecord split = new TXTRecord(Name.root, DClass.IN, 300, List.of("v=spf", "1 -all"));
        assertThat(SpfRecord.isSpf(TxtText.of(split))).isTrue();
        TXTRecord glued = new TXTRecord(Name.root, DClass.IN, 300, List.of("v=spf1", "0 -all"));
        assertThat(SpfRecord.isSpf(TxtText.of(glued))).as("v=spf10 after joining").isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "v=spf1 -all|fail",
            "v=spf1 ~all|softfail",
            "v=spf1 ?all|neutral",
            "v=spf1 +all|pass",
            "v=spf1 all|pass",
            "v=spf1 -ALL|fail",
            "v=spf1 mx -All|fail",
            "v=spf1 ip4:192.0.2.0/24|none",
            "v=spf1|none",
            "v=spf1 include:all.example.com ~all|softfail",
            "v=spf1 a:all|none",
            "v=spf1 ~all -all|softfail",
            "v=spf1 ip4:213.5.39.110 -all MS=83859DAEBD1978F9A7A67D3|fail",
            "v=spf1 redirect=_spf.example.com|none",
            "v=spf1 -allx|none",
    })
    void allQualifierIsTheFirstAllMechanism(String text, SpfAll expected) {
        assertThat(SpfRecord.parse(text).all()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "v=spf1 redirect=_spf.example.com|_spf.example.com",
            "v=spf1 REDIRECT=_spf.Example.com|_spf.Example.com",
            "v=spf1 include:x redirect=%{d}._spf.example.com|%{d}._spf.example.com",
            "v=spf1 -all|NULL",
            "v=spf1 redirect.example.com -all|NULL",
            "v=spf1 redirect=a.example redirect=b.example|a.example",
    })
    void redirectModifierValue(String text, String expected) {
        assertThat(SpfRecord.parse(text).redirect()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "v=spf1 -all|true",
            "V=SPF1 -ALL|true",
            "v=spf1 -all  |true",
            "v=spf1  -all|false",
            "v=spf1 ~all|false",
            "v=spf1 -all exp=explain.example|false",
            "v=spf1 a -all|false",
            "v=spf1|false",
    })
    void noMailIsExactlyVersionAndDashAll(String text, boolean expected) {
        assertThat(SpfRecord.parse(text).noMail()).isEqualTo(expected);
    }

    static Stream<JsonNode> moxValidSyntax() {
        return SharedTestData.mox("spf-record-syntax").stream().filter(c -> c.get("valid").asBoolean());
    }

    /** mox: every syntactically valid record carries the version token (syntax itself: later). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("moxValidSyntax")
    void moxValidRecordsAreRecognisedAsSpf(JsonNode c) {
        String input = c.get("input").asText();
        assertThat(SpfRecord.isSpf(input)).isTrue();
        SpfRecord.parse(input); // never throws
    }

    @Test
    void parseNeverThrowsOnOddInput() {
        for (String odd : List.of("v=spf1", "v=spf1 ", "v=spf1 -", "v=spf1 +", "v=spf1 redirect=", "v=spf1 ~ ? -")) {
            assertThat(SpfRecord.parse(odd)).isNotNull();
        }
    }
}
