package io.chimera.insight.schemas.serde;

import io.chimera.insight.schemas.registry.SchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes specific Avro records in the Confluent wire format, registering the schema under the
 * topic's TopicNameStrategy subject the first time a topic is written.
 */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private final SchemaRegistry registry;
    private final Schema schema;
    private final boolean isKey;
    private final SpecificDatumWriter<T> writer;
    private final Map<String, Integer> idsByTopic = new ConcurrentHashMap<>();
    /**
     * A buffered encoder per thread, reused: the direct encoder wrote byte by byte into the
     * (synchronised) output stream, which made encoding a run twice as slow as decoding it.
     * Serialisers are shared between threads (ingest encodes on several), hence one per thread.
     */
    private static final ThreadLocal<BinaryEncoder> ENCODERS = new ThreadLocal<>();
    /**
     * The output buffer, reused per thread too: a fresh one started at 256 bytes and doubled its way
     * up to each record, so a 100 KiB analysis result cost about 200 KiB of copies before the final
     * array (in the analysis service, the largest share of what its loop thread allocated, and so of
     * the collections that stop every thread). One that grew past {@link #KEPT_CAPACITY} for a
     * large record is let go rather than held by the thread for good.
     */
    private static final ThreadLocal<Output> OUTPUTS = ThreadLocal.withInitial(Output::new);
    private static final int KEPT_CAPACITY = 1 << 20;

    public AvroSerializer(SchemaRegistry registry, Schema schema, boolean isKey) {
        this.registry = registry;
        this.schema = schema;
        this.isKey = isKey;
        this.writer = new SpecificDatumWriter<>(schema);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null; // a tombstone stays a tombstone
        }
        int id = idsByTopic.computeIfAbsent(topic,
                t -> registry.register(SchemaRegistry.subjectFor(t, isKey), schema));
        Output out = OUTPUTS.get();
        out.reset();
        out.write(WireFormat.MAGIC_BYTE);
        out.write(id >>> 24);
        out.write(id >>> 16);
        out.write(id >>> 8);
        out.write(id);
        try {
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, ENCODERS.get());
            ENCODERS.set(encoder);
            writer.write(data, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            // The encoder may still hold part of this record, which reconfiguring it would flush into
            // the thread's buffer: the next record starts with fresh ones.
            ENCODERS.remove();
            OUTPUTS.remove();
            throw new SerializationException("cannot encode " + schema.getFullName() + " for " + topic + ": "
                    + e.getMessage(), e);
        }
        byte[] bytes = out.toByteArray();
        if (out.capacity() > KEPT_CAPACITY) {
            OUTPUTS.remove();
        }
        return bytes;
    }

    /** A byte array output stream that says how large its buffer has grown. */
    static final class Output extends ByteArrayOutputStream {
        Output() {
            super(4096);
        }

        int capacity() {
            return buf.length;
        }
    }
}
