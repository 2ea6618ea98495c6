package io.chimera.insight.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.schemas.registry.InMemorySchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/**
 * Our contract promises that adding a field with a default keeps old and new services talking.
 * The "newer" schema here is today's BenchmarkRun plus a field, as a later release would add it.
 */
class SchemaEvolutionTest {

    private static final String TOPIC = "chimera.benchmark-runs";

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    private static Schema newerSchema() {
        String json = BenchmarkRun.getClassSchema().toString();
        String extraField = "{\"name\":\"gpuName\",\"type\":\"string\",\"default\":\"unknown-gpu\","
                + "\"doc\":\"added in a later release\"}";
        int end = json.lastIndexOf(']');
        return new Schema.Parser().parse(json.substring(0, end) + "," + extraField + json.substring(end));
    }

    @Test
    void theNewerSchemaIsRegisteredAsCompatible() {
        registry.register(TOPIC + "-value", BenchmarkRun.getClassSchema());
        assertThat(registry.isCompatible(TOPIC + "-value", newerSchema())).isTrue();
    }

    @Test
    void aReaderWithTheOlderSchemaReadsRecordsWrittenWithTheNewerOne() throws IOException {
        Schema newer = newerSchema();
        BenchmarkRun original = AvroSerdeTest.sampleRun();
        GenericRecord written = toGeneric(original, newer);
        written.put("gpuName", "H200");
        int id = registry.register(TOPIC + "-value", newer);

        BenchmarkRun read = AvroSerde.forValue(registry, BenchmarkRun.class).deserializer()
                .deserialize(TOPIC, wireFormat(id, newer, written));

        assertThat(read).isEqualTo(original);
    }

    @Test
    void aReaderWithTheNewerSchemaReadsRecordsWrittenWithTheOlderOneUsingTheDefault() throws IOException {
        BenchmarkRun original = AvroSerdeTest.sampleRun();
        byte[] bytes = AvroSerde.forValue(registry, BenchmarkRun.class).serializer().serialize(TOPIC, original);

        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        buffer.get();
        Schema writer = registry.getById(buffer.getInt());
        GenericRecord read = new GenericDatumReader<GenericRecord>(writer, newerSchema())
                .read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));

        assertThat(read.get("gpuName")).hasToString("unknown-gpu");
        assertThat(read.get("model")).hasToString("gemma3:270m");
    }

    private static GenericRecord toGeneric(BenchmarkRun run, Schema newer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<BenchmarkRun>(BenchmarkRun.getClassSchema()).write(run, encoder);
        encoder.flush();
        GenericRecord asOld = new GenericDatumReader<GenericRecord>(BenchmarkRun.getClassSchema(), newer)
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        return new GenericData.Record((GenericData.Record) asOld, true);
    }

    private static byte[] wireFormat(int id, Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
