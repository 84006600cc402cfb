package io.mailcensus.store.schema;

import io.mailcensus.core.port.ScanOptions;
import io.mailcensus.core.port.ScanRecord;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The {@code scans} table's row: {@link ScanRecord} written as an Avro schema, so it goes
 * through the same column rule, DDL generator and encoder as the result tables. The field
 * order and names follow the record's components (camelCase to snake_case); a unit test keeps
 * the two in step.
 */
public final class ScanRows {

    private static final Schema INSTANT = LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));

    public static final Schema SCHEMA = SchemaBuilder.record("ScanRecord").namespace("io.mailcensus.store")
            .doc("One scan round's bookkeeping (core/port/ScanRecord)")
            .fields()
            .requiredString("id")
            .name("started").type(INSTANT).noDefault()
            .name("finished").type().unionOf().nullType().and().type(INSTANT).endUnion().nullDefault()
            .requiredString("state")
            .requiredString("source")
            .requiredLong("domains_total")
            .requiredLong("domains_done")
            .requiredLong("rejected")
            .name("updated").type(INSTANT).noDefault()
            // what the scan measured with (core/port/ScanOptions); columns options_<name>, NULL when unknown
            .name("options").type(SchemaBuilder.record("ScanOptions").namespace("io.mailcensus.store").fields()
                    .optionalString("resolver")
                    .optionalString("dnssec")
                    .optionalBoolean("smtp")
                    .optionalBoolean("http")
                    .optionalLong("opt_out_entries")
                    .optionalString("smtp_politeness")
                    .optionalString("https_politeness")
                    .optionalString("version")
                    .endRecord()).noDefault()
            // distributed rounds (issue 17): zero and null for single-machine scans
            .name("feeding_finished").type().unionOf().nullType().and().type(INSTANT).endUnion().nullDefault()
            .name("enqueued").type().longType().longDefault(0)
            .name("failed").type().longType().longDefault(0)
            .name("in_flight").type().longType().longDefault(0)
            .endRecord();

    private ScanRows() {}

    public static GenericRecord toRow(ScanRecord scan) {
        GenericData.Record row = new GenericData.Record(SCHEMA);
        row.put("id", scan.id());
        row.put("started", scan.started());
        row.put("finished", scan.finished());
        row.put("state", scan.state());
        // A scan of stdin or an unnamed list has no file name; an empty source reads better than a failure.
        row.put("source", scan.source() == null ? "" : scan.source());
        row.put("domains_total", scan.domainsTotal());
        row.put("domains_done", scan.domainsDone());
        row.put("rejected", scan.rejected());
        row.put("updated", scan.updated());
        ScanOptions o = scan.options();
        GenericData.Record options = new GenericData.Record(SCHEMA.getField("options").schema());
        options.put("resolver", o.resolver());
        options.put("dnssec", o.dnssec());
        options.put("smtp", o.smtp());
        options.put("http", o.http());
        options.put("opt_out_entries", o.optOutEntries());
        options.put("smtp_politeness", o.smtpPoliteness());
        options.put("https_politeness", o.httpsPoliteness());
        options.put("version", o.version());
        row.put("options", options);
        row.put("feeding_finished", scan.feedingFinished());
        row.put("enqueued", scan.enqueued());
        row.put("failed", scan.failed());
        row.put("in_flight", scan.inFlight());
        return row;
    }
}
