package io.mailcensus.worker.dns.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailcensus.worker.testing.SharedTestData;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MtaStsRecordTest {

    static Stream<JsonNode> mox() {
        return SharedTestData.mox("mtasts-record").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mox")
    void moxVectors(JsonNode c) {
        MtaStsRecord r = MtaStsRecord.parse(c.get("input").asText());
        assertThat(r.valid()).as(r.invalidReason()).isEqualTo(c.get("valid").asBoolean());
    }

    static Stream<JsonNode> checkdmarc() {
        return SharedTestData.checkdmarc("parse_mta_sts_record").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checkdmarc")
    void checkdmarcVectors(JsonNode c) {
        MtaStsRecord r = MtaStsRecord.parse(c.get("input").asText());
        assertThat(r.valid()).as(r.invalidReason()).isEqualTo(c.get("expect").asText().equals("parses"));
    }

    @Test
    void readsTheId() {
        assertThat(MtaStsRecord.parse("v=STSv1; id=20240101T010101;").id()).isEqualTo("20240101T010101");
    }

    @Test
    void candidatesStartWithTheVersion() {
        assertThat(MtaStsRecord.isCandidate("v=STSv1; id=1")).isTrue();
        assertThat(MtaStsRecord.isCandidate("v=stsv1; id=1")).isTrue();
        assertThat(MtaStsRecord.isCandidate("v=spf1 -all")).isFalse();
        assertThat(MtaStsRecord.parse("v=stsv1; id=1").valid()).as("version is case-sensitive").isFalse();
    }
}
