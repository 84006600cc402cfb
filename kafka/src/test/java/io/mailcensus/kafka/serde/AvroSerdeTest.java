package io.mailcensus.kafka.serde;

import static io.mailcensus.kafka.Messages.domainResult;
import static io.mailcensus.kafka.Messages.mailServerResult;
import static io.mailcensus.kafka.Messages.mxProbe;
import static io.mailcensus.kafka.Messages.scanTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailcensus.schemas.ScanTask;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

    @Test
    void everyMessageTypeIsReadBackAsWritten() {
        var task = scanTask("scan-1", "example.ch");
        assertThat(Serdes.SCAN_TASK.decode(Serdes.SCAN_TASK.encode(task))).isEqualTo(task);
        var probe = mxProbe("scan-1", "mx1.example.ch", "192.0.2.25");
        assertThat(Serdes.MX_PROBE_TASK.decode(Serdes.MX_PROBE_TASK.encode(probe))).isEqualTo(probe);
        var domain = domainResult("scan-1", "example.ch");
        assertThat(Serdes.DOMAIN_RESULT.decode(Serdes.DOMAIN_RESULT.encode(domain))).isEqualTo(domain);
        var server = mailServerResult("scan-1", "mx1.example.ch", "2001:db8::25");
        assertThat(Serdes.MAIL_SERVER_RESULT.decode(Serdes.MAIL_SERVER_RESULT.encode(server))).isEqualTo(server);
    }

    @Test
    void messageCarriesTheSingleObjectHeaderWithTheSchemaFingerprint() {
        byte[] bytes = Serdes.SCAN_TASK.encode(scanTask("scan-1", "example.ch"));
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        long fp = SchemaNormalization.parsingFingerprint64(ScanTask.getClassSchema());
        long inMessage = 0;
        for (int i = 9; i >= 2; i--) {
            inMessage = (inMessage << 8) | (bytes[i] & 0xFF); // little-endian
        }
        assertThat(inMessage).isEqualTo(fp);
    }

    @Test
    void kafkaSerializerInterfaceUsesTheSameEncoding() {
        var task = scanTask("scan-1", "example.ch");
        byte[] bytes = Serdes.SCAN_TASK.serialize("t", task);
        assertThat(Serdes.SCAN_TASK.deserialize("t", bytes)).isEqualTo(task);
        assertThat(Serdes.SCAN_TASK.serialize("t", null)).isNull();
    }

    @Test
    void garbageIsAPoisonMessageSayingItIsNotAvro() {
        byte[] garbage = "{\"domain\":\"example.ch\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Serdes.SCAN_TASK.decode(garbage)).isInstanceOf(PoisonMessageException.class)
                .hasMessageContaining("ScanTask: not an Avro single-object message");
    }

    @Test
    void emptyValueIsAPoisonMessage() {
        assertThatThrownBy(() -> Serdes.SCAN_TASK.decode(new byte[0])).isInstanceOf(PoisonMessageException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void messageOfAnotherTypeIsAPoisonMessageNamingTheUnknownSchema() {
        byte[] probe = Serdes.MX_PROBE_TASK.encode(mxProbe("scan-1", "mx1.example.ch", "192.0.2.25"));
        assertThatThrownBy(() -> Serdes.SCAN_TASK.decode(probe)).isInstanceOf(PoisonMessageException.class)
                .hasMessageContaining("unknown schema");
    }

    @Test
    void truncatedBodyIsAPoisonMessage() {
        byte[] bytes = Serdes.SCAN_TASK.encode(scanTask("scan-1", "example.ch"));
        byte[] cut = Arrays.copyOf(bytes, 14);
        assertThatThrownBy(() -> Serdes.SCAN_TASK.decode(cut)).isInstanceOf(PoisonMessageException.class)
                .hasMessageContaining("corrupt or truncated");
    }

    /** A producer still on an older schema (before {@code attempt}) and a reader that accepts it. */
    @Test
    void messageOfAnOlderWriterSchemaIsReadWithTheDefaultsOfTheNewOne() throws IOException {
        Schema old = new Schema.Parser().parse("""
                {"type": "record", "name": "ScanTask", "namespace": "io.mailcensus.schemas", "fields": [
                  {"name": "scan_id", "type": "string"},
                  {"name": "domain", "type": "string"},
                  {"name": "domain_unicode", "type": "string"},
                  {"name": "enqueued_at", "type": {"type": "long", "logicalType": "timestamp-millis"}}]}
                """);
        GenericRecord r = new GenericData.Record(old);
        r.put("scan_id", "scan-1");
        r.put("domain", "example.ch");
        r.put("domain_unicode", "example.ch");
        r.put("enqueued_at", 1_000L);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), old).encode(r, out);

        var reader = new AvroSerde<>(ScanTask.class, ScanTask.getClassSchema());
        assertThatThrownBy(() -> reader.decode(out.toByteArray())).isInstanceOf(PoisonMessageException.class);
        ScanTask t = reader.acceptWriterSchema(old).decode(out.toByteArray());
        assertThat(t.getDomain()).isEqualTo("example.ch");
        assertThat(t.getAttempt()).isZero();
    }
}
