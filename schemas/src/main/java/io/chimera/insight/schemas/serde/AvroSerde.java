package io.chimera.insight.schemas.serde;

import io.chimera.insight.schemas.registry.SchemaRegistry;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializer and deserializer of one generated Avro class in the Confluent wire format, usable by
 * plain clients and as a Kafka Streams {@link Serde}. Built explicitly with a {@link SchemaRegistry}
 * rather than configured through properties, so tests can hand it an in-memory registry.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final AvroSerializer<T> serializer;
    private final AvroDeserializer<T> deserializer;

    private AvroSerde(SchemaRegistry registry, Schema schema, boolean isKey) {
        this.serializer = new AvroSerializer<>(registry, schema, isKey);
        this.deserializer = new AvroDeserializer<>(registry, schema);
    }

    /** A serde for record values of {@code type}; subjects are {@code <topic>-value}. */
    public static <T extends SpecificRecord> AvroSerde<T> forValue(SchemaRegistry registry, Class<T> type) {
        return new AvroSerde<>(registry, SpecificData.get().getSchema(type), false);
    }

    /** A serde for record keys of {@code type}; subjects are {@code <topic>-key}. */
    public static <T extends SpecificRecord> AvroSerde<T> forKey(SchemaRegistry registry, Class<T> type) {
        return new AvroSerde<>(registry, SpecificData.get().getSchema(type), true);
    }

    @Override
    public AvroSerializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
