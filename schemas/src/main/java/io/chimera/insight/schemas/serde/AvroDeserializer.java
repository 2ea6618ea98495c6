package io.chimera.insight.schemas.serde;

import io.chimera.insight.schemas.registry.SchemaRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format records into our generated class, resolving the writer's schema
 * (fetched once per id from the registry) against the reader's: a consumer built with an older
 * schema reads records written with a newer BACKWARD-compatible one, and vice versa.
 *
 * <p>One instance serves every thread that uses its serde (Kafka Streams hands the same
 * deserializer to all its tasks), so what it reuses from record to record is kept per thread: the
 * {@link BinaryDecoder}, which {@link DecoderFactory#binaryDecoder(byte[], int, int, BinaryDecoder)}
 * points at each record's bytes instead of allocating a decoder and its buffer per record. Nothing
 * of one record survives into the next: the decoder is set to the new bytes before each read, and the
 * record is read into a new object.
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private final SchemaRegistry registry;
    private final Schema readerSchema;
    private final Map<Integer, SpecificDatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();
    /** The decoder this thread read its last record with (null before its first), reconfigured for the next. */
    private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

    public AvroDeserializer(SchemaRegistry registry, Schema readerSchema) {
        this.registry = registry;
        this.readerSchema = readerSchema;
    }

    /** The registry that writer schemas are resolved through (for a reader of one schema's layout beside this one). */
    public SchemaRegistry registry() {
        return registry;
    }

    /** The schema records are read into. */
    public Schema readerSchema() {
        return readerSchema;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(data);
        int id = WireFormat.readSchemaId(topic, buffer);
        SpecificDatumReader<T> reader = readersByWriterId.computeIfAbsent(id,
                writerId -> new SpecificDatumReader<>(registry.getById(writerId), readerSchema));
        try {
            BinaryDecoder decoder = DecoderFactory.get()
                    .binaryDecoder(data, buffer.position(), buffer.remaining(), decoders.get());
            decoders.set(decoder);
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot decode " + readerSchema.getFullName() + " from " + topic
                    + " (writer schema id " + id + "): " + e.getMessage(), e);
        }
    }
}
