package io.chimera.insight.schemas.serde;

import io.chimera.insight.events.ConfigStats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Conversion;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Writes records of one generated class in Avro's binary encoding: alone ({@link #encode}, the body of a
 * wire-format record) or after a Confluent wire-format header ({@link AvroSerializer}). Thread-safe:
 * serialisers are shared between threads (ingest encodes on several).
 *
 * <p><b>The classes' own encoders.</b> Avro generates an encoder into each class whose fields carry no
 * logical type ({@code customEncode}: {@code MetricStats}, {@code ColdStart}, {@code Metric},
 * {@code ChangeSegment}), but its writer uses them only when told to (a system property, off by default,
 * because the generated <em>decoders</em> once mishandled schema evolution). This writer is told to: it
 * then writes such a record field by field with typed calls, where the generic writer looks each field up
 * by position, boxes every number and dispatches on its schema. They write the same bytes (the Avro
 * specification's; {@code AvroBodyEncoderTest} compares them over random records of every schema). A
 * {@code ConfigStats} or {@code ModelMetrics} is mostly maps of {@code MetricStats}, so this is most of
 * what encoding one costs. Decoding is untouched.
 *
 * <p><b>{@code ConfigStats} by hand.</b> A class with a logical type gets no generated encoder, and
 * {@code ConfigStats}, which an emission writes once per changed configuration, has two timestamps: it is
 * written by {@link ConfigStatsWriter}, field by field, the same bytes again.
 */
public final class AvroBodyEncoder<T extends SpecificRecord> {

    /**
     * A buffered encoder per thread, reused: the direct encoder wrote byte by byte into the
     * (synchronised) output stream, which made encoding a run twice as slow as decoding it.
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

    private final Schema schema;
    private final SpecificDatumWriter<T> writer;
    /** Whether records are {@code ConfigStats} that {@link ConfigStatsWriter} writes, not {@link #writer}. */
    private final boolean configStats;

    public AvroBodyEncoder(Schema schema) {
        this.schema = schema;
        this.writer = new SpecificDatumWriter<>(schema, withGeneratedEncoders(schema));
        this.configStats = ConfigStatsWriter.writes(schema);
    }

    /** An encoder of {@code type}'s records, under the schema generated with it. */
    public static <T extends SpecificRecord> AvroBodyEncoder<T> of(Class<T> type) {
        return new AvroBodyEncoder<>(SpecificData.get().getSchema(type));
    }

    public Schema schema() {
        return schema;
    }

    /**
     * {@code record}'s Avro binary encoding, kept beside it, behind room for the wire format's header (which
     * sending it fills in: {@link Encoded#wireFormat}).
     */
    public Encoded<T> encode(T record) {
        return new Encoded<>(record, schema, write(record, 0));
    }

    /**
     * A new array: the Confluent wire-format header with {@code schemaId} then {@code record}'s encoding.
     *
     * @throws SerializationException when the record cannot be encoded (a required field is null)
     */
    byte[] write(T record, int schemaId) {
        Output out = OUTPUTS.get();
        out.reset();
        writeHeader(out, schemaId);
        try {
            BinaryEncoder reused = ENCODERS.get();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, reused);
            if (encoder != reused) {
                ENCODERS.set(encoder); // setting a thread local costs; the factory reconfigures the one it was given
            }
            if (configStats) {
                ConfigStatsWriter.write((ConfigStats) record, encoder);
            } else {
                writer.write(record, encoder);
            }
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            // The encoder may still hold part of this record, which reconfiguring it would flush into
            // the thread's buffer: the next record starts with fresh ones.
            ENCODERS.remove();
            OUTPUTS.remove();
            throw new SerializationException("cannot encode " + schema.getFullName() + ": " + e.getMessage(), e);
        }
        byte[] bytes = out.toByteArray();
        if (out.capacity() > KEPT_CAPACITY) {
            OUTPUTS.remove();
        }
        return bytes;
    }

    /** Writes the Confluent wire-format header with {@code schemaId} into the first bytes of {@code bytes}. */
    static void writeHeader(byte[] bytes, int schemaId) {
        bytes[0] = WireFormat.MAGIC_BYTE;
        bytes[1] = (byte) (schemaId >>> 24);
        bytes[2] = (byte) (schemaId >>> 16);
        bytes[3] = (byte) (schemaId >>> 8);
        bytes[4] = (byte) schemaId;
    }

    private static void writeHeader(Output out, int schemaId) {
        out.write(WireFormat.MAGIC_BYTE);
        out.write(schemaId >>> 24);
        out.write(schemaId >>> 16);
        out.write(schemaId >>> 8);
        out.write(schemaId);
    }

    /**
     * The class's own model (its logical-type conversions, e.g. {@code Instant} for timestamp-millis) in a
     * copy that uses the generated encoders; the class's shared model is left as it is, for its readers.
     */
    private static SpecificData withGeneratedEncoders(Schema schema) {
        SpecificData model = SpecificData.getForSchema(schema);
        SpecificData data = new SpecificData(model.getClassLoader());
        for (Conversion<?> conversion : model.getConversions()) {
            data.addLogicalTypeConversion(conversion);
        }
        data.setCustomCoders(true);
        return data;
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
