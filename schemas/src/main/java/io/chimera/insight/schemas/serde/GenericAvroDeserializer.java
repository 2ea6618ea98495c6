package io.chimera.insight.schemas.serde;

import io.chimera.insight.schemas.registry.SchemaRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads any wire-format record with the writer's own schema, for tools (such as {@code chimera
 * tail}) that print topics without knowing their types in advance.
 */
public final class GenericAvroDeserializer implements Deserializer<GenericRecord> {

    private final SchemaRegistry registry;

    public GenericAvroDeserializer(SchemaRegistry registry) {
        this.registry = registry;
    }

    @Override
    public GenericRecord deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(data);
        int id = WireFormat.readSchemaId(topic, buffer);
        Schema writer = registry.getById(id);
        try {
            return new GenericDatumReader<GenericRecord>(writer).read(null,
                    DecoderFactory.get().binaryDecoder(data, buffer.position(), buffer.remaining(), null));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot decode record on " + topic + " with schema id " + id + ": "
                    + e.getMessage(), e);
        }
    }
}
