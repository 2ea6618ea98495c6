package io.chimera.insight.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.events.ChangeDirection;
import io.chimera.insight.events.ChangeEventKind;
import io.chimera.insight.events.ChangeSegment;
import io.chimera.insight.events.PerformanceChange;
import io.chimera.insight.schemas.registry.InMemorySchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/**
 * {@code PerformanceChange} keeps the contract's promise: a later release that adds a field with a
 * default (here a {@code severity}) is registered as compatible, and consumers on either schema read
 * the other's records; the round trip through the Confluent wire format keeps every field.
 */
class PerformanceChangeEvolutionTest {

    private static final String SUBJECT = "chimera.performance-changes-value";

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    static PerformanceChange sample() {
        return PerformanceChange.newBuilder()
                .setChangeId("3f1c2a9e-0000-3000-8000-000000000001")
                .setKind(ChangeEventKind.CHANGE)
                .setModel("gemma3:270m")
                .setConfigKey("num_ctx=2048")
                .setConfig(Map.of("num_ctx", "2048"))
                .setMetric("tokens_per_s")
                .setUnit("tokens/s")
                .setDirection(ChangeDirection.REGRESSION)
                .setBefore(ChangeSegment.newBuilder().setN(10).setMean(100.0).setCiLow(99.1).setCiHigh(100.9).build())
                .setAfter(ChangeSegment.newBuilder().setN(10).setMean(88.0).setCiLow(87.1).setCiHigh(88.9).build())
                .setChangePercent(-12.0)
                .setPValue(1.5e-12)
                .setTest("Welch t")
                .setFirstRunId("id-after.csv#row 0")
                .setFirstRunPath("results/after.csv")
                .setFirstRunFileId("id-after.csv")
                .setFirstRunAt(Instant.parse("2025-03-01T10:10:00Z"))
                .setDetectedAt(Instant.parse("2025-03-01T10:12:02Z"))
                .build();
    }

    private static Schema newerSchema() {
        String json = PerformanceChange.getClassSchema().toString();
        String extraField = "{\"name\":\"severity\",\"type\":\"string\",\"default\":\"unrated\","
                + "\"doc\":\"added in a later release\"}";
        int end = json.lastIndexOf(']');
        return new Schema.Parser().parse(json.substring(0, end) + "," + extraField + json.substring(end));
    }

    @Test
    void aChangeSurvivesTheWireFormat() {
        AvroSerde<PerformanceChange> serde = AvroSerde.forValue(registry, PerformanceChange.class);
        byte[] bytes = serde.serializer().serialize("chimera.performance-changes", sample());

        assertThat(bytes[0]).isZero();
        assertThat(serde.deserializer().deserialize("chimera.performance-changes", bytes)).isEqualTo(sample());
    }

    @Test
    void theNewerSchemaIsRegisteredAsCompatible() {
        registry.register(SUBJECT, PerformanceChange.getClassSchema());
        assertThat(registry.isCompatible(SUBJECT, newerSchema())).isTrue();
    }

    @Test
    void aReaderWithTodaysSchemaReadsRecordsOfTheNewerOne() throws IOException {
        Schema newer = newerSchema();
        GenericRecord written = AvroBinary.defaults(newer);
        written.put("model", "gemma3:270m");
        written.put("kind", new GenericData.EnumSymbol(newer.getField("kind").schema(), "RETRACTION"));
        written.put("changePercent", -12.0);
        written.put("severity", "high");
        int id = registry.register(SUBJECT, newer);

        PerformanceChange read = AvroSerde.forValue(registry, PerformanceChange.class).deserializer()
                .deserialize("chimera.performance-changes", wireFormat(id, newer, written));

        assertThat(read.getModel()).isEqualTo("gemma3:270m");
        assertThat(read.getKind()).isEqualTo(ChangeEventKind.RETRACTION);
        assertThat(read.getChangePercent()).isEqualTo(-12.0);
        assertThat(read.getBefore().getN()).isZero();
    }

    @Test
    void aReaderWithTheNewerSchemaReadsTodaysRecordsUsingTheDefault() throws IOException {
        byte[] bytes = AvroSerde.forValue(registry, PerformanceChange.class).serializer()
                .serialize("chimera.performance-changes", sample());
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        buffer.get();
        Schema writer = registry.getById(buffer.getInt());

        GenericRecord read = new GenericDatumReader<GenericRecord>(writer, newerSchema())
                .read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));

        assertThat(read.get("severity")).hasToString("unrated");
        assertThat(read.get("firstRunId")).hasToString("id-after.csv#row 0");
        assertThat(((GenericRecord) read.get("after")).get("mean")).isEqualTo(88.0);
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
