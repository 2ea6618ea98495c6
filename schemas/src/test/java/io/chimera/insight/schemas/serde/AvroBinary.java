package io.chimera.insight.schemas.serde;

import io.chimera.insight.schemas.registry.InMemorySchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Plain Avro binary (no wire-format header) for the schema-evolution tests: a record written with one
 * schema, read back with another, as a consumer on an older or newer schema would; and the older
 * schema itself, today's without the fields a change added.
 */
final class AvroBinary {

    private AvroBinary() {
    }

    /** Whether a registry holding {@code registered} under {@code subject} accepts {@code next} there. */
    static boolean registryAccepts(String subject, Schema registered, Schema next) {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        registry.register(subject, registered);
        return registry.isCompatible(subject, next);
    }

    /** {@code record} (generic or generated) encoded with {@code schema}. */
    static byte[] write(Schema schema, Object record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** {@code bytes} written with {@code writer}, read as the generated class of {@code reader}. */
    static <T> T readSpecific(byte[] bytes, Schema writer, Schema reader) throws IOException {
        return new SpecificDatumReader<T>(writer, reader).read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    }

    /** {@code bytes} written with {@code writer}, read as a generic record of {@code reader}. */
    static GenericRecord readGeneric(byte[] bytes, Schema writer, Schema reader) throws IOException {
        return new GenericDatumReader<GenericRecord>(writer, reader)
                .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    }

    /** {@code newer} without the fields named in {@code added}: the schema as it was before they came. */
    static Schema without(Schema newer, Set<String> added) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : newer.getFields()) {
            if (!added.contains(field.name())) {
                fields.add(new Schema.Field(field.name(), field.schema(), field.doc(), field.defaultVal()));
            }
        }
        return Schema.createRecord(newer.getName(), newer.getDoc(), newer.getNamespace(), false, fields);
    }

    /** A generic record of {@code schema} holding every field's default, to set what a test needs on. */
    static GenericData.Record defaults(Schema schema) {
        GenericData.Record record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
            record.put(field.name(), GenericData.get().getDefaultValue(field));
        }
        return record;
    }
}
