package io.mailcensus.store.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailcensus.core.port.ScanRecord;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.store.Fixtures;
import io.mailcensus.store.StoreException;
import io.mailcensus.store.schema.ScanRows;
import io.mailcensus.store.schema.Tables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.junit.jupiter.api.Test;

class JsonEachRowEncoderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonEachRowEncoder DOMAINS = JsonEachRowEncoder.of(Tables.DOMAIN_RESULTS.schema());

    private static JsonNode encodeOne(JsonEachRowEncoder encoder, org.apache.avro.generic.IndexedRecord row)
            throws Exception {
        String text = encoder.encode(List.of(row));
        assertThat(text).endsWith("}\n").doesNotContain("\n{");
        return JSON.readTree(text);
    }

    @Test
    void topLevelRecordsAreFlattenedOneLevelWithUnderscoreNames() throws Exception {
        JsonNode row = encodeOne(DOMAINS, Fixtures.everyKindOfField("s1", "example.org"));

        assertThat(row.get("scan_id").asText()).isEqualTo("s1");
        assertThat(row.get("mx_status").asText()).isEqualTo("present");
        assertThat(row.get("mx_null_mx").asBoolean()).isFalse();
        assertThat(row.get("spf_all").asText()).isEqualTo("softfail");
        assertThat(row.get("dmarc_p").asText()).isEqualTo("quarantine");
        assertThat(row.get("dnssec_validation").asText()).isEqualTo("bogus");
        assertThat(row.get("dkim_node").asText()).isEqualTo("present");
        assertThat(row.get("autodiscover_targets").get(0).asText()).isEqualTo("autodiscover.outlook.com");
        assertThat(row.has("mx")).isFalse();
    }

    @Test
    void recordsInsideArraysAreObjectsKeyedByFieldName() throws Exception {
        JsonNode row = encodeOne(DOMAINS, Fixtures.everyKindOfField("s1", "example.org"));

        JsonNode first = row.get("mx_hosts").get(0);
        assertThat(first.get("name").asText()).isEqualTo("mx1.example.org");
        assertThat(first.get("status").asText()).isEqualTo("present");
        assertThat(first.get("ipv4").toString()).isEqualTo("[\"192.0.2.1\",\"192.0.2.2\"]");
        assertThat(first.get("fcrdns").asBoolean()).isTrue();
        JsonNode second = row.get("mx_hosts").get(1);
        assertThat(second.get("fcrdns").isNull()).as("nulls inside tuples are written").isTrue();
        assertThat(second.get("ipv4").isArray()).isTrue();
        assertThat(row.get("mx_records").get(1).toString()).isEqualTo("{\"preference\":20,\"host\":\"mx2.example.org\"}");
        assertThat(row.get("errors").get(1).get("kind").asText()).isEqualTo("servfail");
    }

    @Test
    void nullsAndEmptyArraysAtTheTopAreLeftOutBecauseTheyAreTheColumnDefaults() throws Exception {
        JsonNode row = encodeOne(DOMAINS, Fixtures.everyKindOfField("s1", "example.org"));

        assertThat(row.has("spf_void_lookups")).isFalse(); // null
        assertThat(row.has("mx_cname_hosts")).isFalse(); // []
        assertThat(row.has("bimi_record")).isFalse();
        assertThat(row.get("spf_dns_terms").asInt()).isEqualTo(11);
        assertThat(row.get("dmarc_rua_external_authorized").asBoolean()).isFalse(); // false is a value
    }

    @Test
    void textSurvivesEscapingExactly() throws Exception {
        JsonNode row = encodeOne(DOMAINS, Fixtures.everyKindOfField("s1", "example.org"));

        assertThat(row.get("spf_records").get(0).asText()).isEqualTo(Fixtures.AWKWARD);
        assertThat(row.get("domain_unicode").asText()).isEqualTo("bücher-😀.example");
    }

    @Test
    void timestampsAreUtcTextWithMilliseconds() throws Exception {
        JsonNode row = encodeOne(DOMAINS, Fixtures.everyKindOfField("s1", "example.org"));
        JsonNode server = encodeOne(JsonEachRowEncoder.of(Tables.MAIL_SERVER_RESULTS.schema()),
                Fixtures.mailServer("s1", "mx1.example.org", "192.0.2.1"));

        assertThat(row.get("started_at").asText()).isEqualTo("2025-03-04 05:06:07.089");
        assertThat(row.get("finished_at").asText()).isEqualTo("2025-03-04 05:06:08.323");
        assertThat(server.get("chain").get(0).get("not_after").asText()).isEqualTo("9999-12-31 23:59:59.999");
        assertThat(row.get("mta_sts_max_age").asLong()).isEqualTo(Long.MAX_VALUE / 2);
    }

    @Test
    void genericRecordsWithEpochMillisAndEnumSymbolsEncodeTheSame() throws Exception {
        Schema schema = SchemaBuilder.record("R").fields()
                .name("at").type(org.apache.avro.LogicalTypes.timestampMillis()
                        .addToSchema(Schema.create(Schema.Type.LONG))).noDefault()
                .name("e").type().enumeration("E").symbols("a", "b").noDefault()
                .name("sub").type().record("Sub").fields().optionalInt("n").endRecord().noDefault()
                .endRecord();
        GenericData.Record sub = new GenericData.Record(schema.getField("sub").schema());
        sub.put("n", 5);
        GenericData.Record row = new GenericData.Record(schema);
        row.put("at", 0L);
        row.put("e", new GenericData.EnumSymbol(schema.getField("e").schema(), "b"));
        row.put("sub", sub);

        assertThat(JsonEachRowEncoder.of(schema).encode(List.of(row)))
                .isEqualTo("{\"at\":\"1970-01-01 00:00:00.000\",\"e\":\"b\",\"sub_n\":5}\n");
    }

    @Test
    void scanRecordsEncodeThroughTheirAvroSchema() throws Exception {
        ScanRecord scan = new ScanRecord("scan-1", Instant.EPOCH, null, "running", "zone.txt", 10, 3, 1,
                Instant.ofEpochMilli(5));

        JsonNode row = encodeOne(JsonEachRowEncoder.of(Tables.SCANS.schema()), ScanRows.toRow(scan));

        assertThat(row.toString()).isEqualTo("{\"id\":\"scan-1\",\"started\":\"1970-01-01 00:00:00.000\","
                + "\"state\":\"running\",\"source\":\"zone.txt\",\"domains_total\":10,\"domains_done\":3,"
                + "\"rejected\":1,\"updated\":\"1970-01-01 00:00:00.005\",\"enqueued\":0,\"failed\":0,\"in_flight\":0}");
    }

    @Test
    void aNullInANonNullableFieldNamesTheColumn() {
        DomainResult row = Fixtures.everyKindOfField("s1", "example.org");
        row.getMx().getHosts().get(0).setName(null);
        row.setDomain(null);

        assertThatThrownBy(() -> DOMAINS.encode(List.of(row)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("domain");
        row.setDomain("example.org");
        assertThatThrownBy(() -> DOMAINS.encode(List.of(row)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("mx_hosts[].name");
    }

    @Test
    void aRowOfAnotherSchemaIsRefused() {
        MailServerResult other = Fixtures.mailServer("s1", "mx", "192.0.2.1");

        assertThatThrownBy(() -> DOMAINS.encode(List.of(other)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("MailServerResult");
    }

    @Test
    void manyRowsAreOneLineEach() {
        List<DomainResult> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add(Fixtures.everyKindOfField("s", "d" + i + ".example"));
        }

        assertThat(DOMAINS.encode(rows).lines()).hasSize(100).allSatisfy(line -> assertThat(line).startsWith("{"));
    }
}
