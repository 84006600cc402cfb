package io.mailcensus.worker.dns.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailcensus.worker.testing.SharedTestData;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class BimiRecordTest {

    static final Map<String, String> CHECKDMARC_SKIPS = Map.of(
            "v=BIMI1; xyz=foo",
            "tag-list convention: unknown tags are ignored; checkdmarc's grammar rejects them");

    static Stream<JsonNode> checkdmarc() {
        return SharedTestData.checkdmarc("parse_bimi_record").stream()
                .filter(c -> !CHECKDMARC_SKIPS.containsKey(c.get("input").asText()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checkdmarc")
    void checkdmarcVectors(JsonNode c) {
        String input = c.get("input").asText();
        BimiRecord r = BimiRecord.parse(input);
        boolean parses = c.get("expect").asText().equals("parses");
        assertThat(r.valid()).as(r.invalidReason()).isEqualTo(parses);
        if (!parses && input.startsWith("v=spf1")) {
            assertThat(BimiRecord.isCandidate(input)).isFalse();
        }
    }

    @Test
    void logoAndEvidence() {
        BimiRecord r = BimiRecord.parse("v=BIMI1; l=https://www.example.ch/logo.svg; a=https://www.example.ch/vmc.pem");
        assertThat(r.logo()).isEqualTo("https://www.example.ch/logo.svg");
        assertThat(r.evidence()).isEqualTo("https://www.example.ch/vmc.pem");
    }

    @Test
    void emptyEvidenceMeansNoCertificate() {
        // The seed's own record: "v=BIMI1; l=https://www.icewolf.ch/images/icewolf_tiny.svg; a=;"
        BimiRecord r = BimiRecord.parse("v=BIMI1; l=https://www.icewolf.ch/images/icewolf_tiny.svg; a=;");
        assertThat(r.valid()).isTrue();
        assertThat(r.logo()).isEqualTo("https://www.icewolf.ch/images/icewolf_tiny.svg");
        assertThat(r.evidence()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"v=BIMI1; l=http://www.example.ch/logo.svg", "v=BIMI1; l=logo.svg",
            "v=BIMI2; l=https://x.example/l.svg", "l=https://x.example/l.svg; v=BIMI1"})
    void invalidRecords(String text) {
        assertThat(BimiRecord.parse(text).valid()).isFalse();
    }
}
