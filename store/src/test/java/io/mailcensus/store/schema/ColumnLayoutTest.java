package io.mailcensus.store.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

/** The examples columns.md gives, pinned. */
class ColumnLayoutTest {

    private static Map<String, String> types(TableSpec table) {
        return table.columns().stream().collect(Collectors.toMap(Column::name, c -> c.type().sql()));
    }

    @Test
    void domainResultsFollowTheContractsExamples() {
        Map<String, String> types = types(Tables.DOMAIN_RESULTS);

        assertThat(types).containsEntry("scan_id", "String")
                .containsEntry("status", "LowCardinality(String)")
                .containsEntry("started_at", "DateTime64(3, 'UTC')")
                .containsEntry("idn", "Bool")
                .containsEntry("mx_status", "LowCardinality(String)")
                .containsEntry("mx_null_mx", "Bool")
                .containsEntry("spf_all", "LowCardinality(String)")
                .containsEntry("spf_dns_terms", "Nullable(Int32)")
                .containsEntry("dmarc_p", "Nullable(String)")
                .containsEntry("dnssec_signed", "LowCardinality(String)")
                .containsEntry("dnssec_validation", "LowCardinality(String)")
                .containsEntry("autodiscover_targets", "Array(String)")
                .containsEntry("dkim_node", "LowCardinality(String)")
                .containsEntry("mta_sts_max_age", "Nullable(Int64)")
                .containsEntry("mx_hosts", "Array(Tuple(name String, status LowCardinality(String), ipv4 Array(String),"
                        + " ipv6 Array(String), ptr Array(String), fcrdns Nullable(Bool)))")
                .doesNotContainKeys("mx", "spf", "dmarc");
    }

    @Test
    void scansHaveTheContractsColumnsInOrder() {
        assertThat(Tables.SCANS.columns()).extracting(Column::name).containsExactly(
                "id", "started", "finished", "state", "source", "domains_total", "domains_done", "rejected", "updated",
                "options_resolver", "options_dnssec", "options_smtp", "options_http", "options_opt_out_entries",
                "options_smtp_politeness", "options_https_politeness", "options_version",
                "feeding_finished", "enqueued", "failed", "in_flight");
        assertThat(types(Tables.SCANS)).containsEntry("finished", "Nullable(DateTime64(3, 'UTC'))")
                .containsEntry("updated", "DateTime64(3, 'UTC')")
                .containsEntry("options_smtp", "Nullable(Bool)")
                .containsEntry("options_opt_out_entries", "Nullable(Int64)");
    }

    @Test
    void enginesAndKeysFollowTheContract() {
        assertThat(DdlGenerator.createTable(Tables.DOMAIN_RESULTS))
                .endsWith("ENGINE = ReplacingMergeTree(finished_at)\nORDER BY (scan_id, domain)\n");
        assertThat(DdlGenerator.createTable(Tables.MAIL_SERVER_RESULTS))
                .endsWith("ENGINE = ReplacingMergeTree(probed_at)\nORDER BY (scan_id, host, ip)\n");
        assertThat(DdlGenerator.createTable(Tables.SCANS)).endsWith("ENGINE = ReplacingMergeTree(updated)\nORDER BY id\n");
    }

    @Test
    void nullableEnumsPutLowCardinalityOutside() {
        Schema e = SchemaBuilder.enumeration("E").symbols("x");
        assertThat(ColumnTypes.of(SchemaBuilder.unionOf().nullType().and().type(e).endUnion()).sql())
                .isEqualTo("LowCardinality(Nullable(String))");
    }

    @Test
    void typesWithoutARuleFailLoudly() {
        assertThatThrownBy(() -> ColumnTypes.of(Schema.create(Schema.Type.DOUBLE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DOUBLE");
        assertThatThrownBy(() -> ColumnTypes.of(SchemaBuilder.unionOf().nullType().and().array()
                .items().stringType().endUnion()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Nullable");
        assertThatThrownBy(() -> ColumnTypes.of(SchemaBuilder.unionOf().intType().and().stringType().endUnion()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ColumnLayout.of(SchemaBuilder.record("R").fields()
                .name("r").type().optional().record("S").fields().requiredInt("i").endRecord()
                .endRecord()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nullable record");
    }

    @Test
    void flattenedColumnsKnowWhereTheirValueSits() {
        Schema schema = Tables.DOMAIN_RESULTS.schema();
        Column nullMx = Tables.DOMAIN_RESULTS.columns().stream()
                .filter(c -> c.name().equals("mx_null_mx")).findFirst().orElseThrow();

        assertThat(nullMx.field()).isEqualTo(schema.getField("mx").pos());
        assertThat(nullMx.subfield()).isEqualTo(schema.getField("mx").schema().getField("null_mx").pos());
        assertThat(List.of(nullMx.flattened())).containsExactly(true);
    }
}
