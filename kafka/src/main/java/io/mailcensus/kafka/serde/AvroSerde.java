package io.mailcensus.kafka.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro single-object encoding (a two-byte marker, the writer schema's 64-bit fingerprint, then
 * the binary body): a reader that knows the writer's schema resolves it against its own, so
 * consumers and producers of different versions interoperate without a schema registry. Older
 * writer schemas a reader must still accept are added with {@link #acceptWriterSchema}.
 * Encoder and decoder keep their buffers per thread, so one instance serves every thread.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serializer<T>, Deserializer<T> {

    private final Class<T> type;
    private final Schema schema;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    public AvroSerde(Class<T> type, Schema schema) {
        this.type = type;
        this.schema = schema;
        this.encoder = new BinaryMessageEncoder<>(SpecificData.get(), schema);
        this.decoder = new BinaryMessageDecoder<>(SpecificData.get(), schema);
    }

    /** Lets this reader decode messages written with an older (or newer) schema of the type. */
    public AvroSerde<T> acceptWriterSchema(Schema writer) {
        decoder.addSchema(writer);
        return this;
    }

    public Schema schema() {
        return schema;
    }

    public byte[] encode(T value) {
        try {
            ByteBuffer buf = encoder.encode(value);
            byte[] out = new byte[buf.remaining()];
            buf.get(out);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + type.getSimpleName(), e);
        }
    }

    /** @throws PoisonMessageException naming what is wrong with the bytes */
    public T decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new PoisonMessageException(type.getSimpleName() + ": empty message", null);
        }
        try {
            return decoder.decode(bytes);
        } catch (BadHeaderException e) {
            throw new PoisonMessageException(type.getSimpleName()
                    + ": not an Avro single-object message (bad header " + head(bytes) + ")", e);
        } catch (MissingSchemaException e) {
            throw new PoisonMessageException(type.getSimpleName() + ": written with an unknown schema ("
                    + e.getMessage() + "); this reader knows fingerprint "
                    + Long.toHexString(SchemaNormalization.parsingFingerprint64(schema)), e);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new PoisonMessageException(type.getSimpleName() + ": corrupt or truncated body ("
                    + bytes.length + " bytes): " + e, e);
        }
    }

    @Override
    public byte[] serialize(String topic, T data) {
        return data == null ? null : encode(data);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return data == null ? null : decode(data);
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {}

    @Override
    public void close() {}

    private static String head(byte[] bytes) {
        return HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 4));
    }
}
