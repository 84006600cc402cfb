package io.mailcensus.worker.dns.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailcensus.worker.testing.SharedTestData;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TlsRptRecordTest {

    static final Map<String, String> CHECKDMARC_SKIPS = Map.of(
            "v=TLSRPTv1; rua=mailto:a@example.com; rua=mailto:b@example.com",
            "RFC 8460's ABNF allows the rua field more than once (mox agrees); checkdmarc rejects it");

    static Stream<JsonNode> mox() {
        return SharedTestData.mox("tlsrpt-record").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mox")
    void moxVectors(JsonNode c) {
        TlsRptRecord r = TlsRptRecord.parse(c.get("input").asText());
        assertThat(r.valid()).as(r.invalidReason()).isEqualTo(c.get("valid").asBoolean());
    }

    static Stream<JsonNode> checkdmarc() {
        return SharedTestData.checkdmarc("parse_smtp_tls_reporting_record").stream()
                .filter(c -> !CHECKDMARC_SKIPS.containsKey(c.get("input").asText()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checkdmarc")
    void checkdmarcVectors(JsonNode c) {
        TlsRptRecord r = TlsRptRecord.parse(c.get("input").asText());
        assertThat(r.valid()).as(r.invalidReason()).isEqualTo(c.get("expect").asText().equals("parses"));
    }

    @Test
    void collectsEveryRuaUri() {
        TlsRptRecord r = TlsRptRecord.parse("v=TLSRPTv1; rua=mailto:a@example.ch , https://r.example/tls; rua=mailto:b@example.ch");
        assertThat(r.rua()).containsExactly("mailto:a@example.ch", "https://r.example/tls", "mailto:b@example.ch");
    }

    @Test
    void onlyMailtoAndHttpsAreReportDestinations() {
        assertThat(TlsRptRecord.parse("v=TLSRPTv1; rua=http://r.example/tls").valid()).isFalse();
        assertThat(TlsRptRecord.parse("v=TLSRPTv1; rua=ftp://r.example/tls").valid()).isFalse();
    }
}
