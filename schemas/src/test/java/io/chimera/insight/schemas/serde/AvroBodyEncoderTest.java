package io.chimera.insight.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimera.insight.events.AnalysisRequest;
import io.chimera.insight.events.AnalysisResult;
import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.ChangeSegment;
import io.chimera.insight.events.ColdStart;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.events.GenerationMetrics;
import io.chimera.insight.events.Metric;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelChanges;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.events.PerformanceChange;
import io.chimera.insight.events.ReportGenerated;
import io.chimera.insight.schemas.registry.InMemorySchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.RandomData;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The encoder writes, with the classes' generated encoders, the bytes Avro's generic writer writes (the
 * writer every serialiser used before), for random records of every schema we publish and of the records
 * they nest (those with generated encoders among them: {@code MetricStats}, {@code ColdStart},
 * {@code Metric}, {@code ChangeSegment}; {@code ConfigStats}, written by hand, {@link ConfigStatsWriter}).
 */
class AvroBodyEncoderTest {

    static List<Class<? extends SpecificRecord>> types() {
        return List.of(AnalysisRequest.class, AnalysisResult.class, BenchmarkFile.class, BenchmarkRun.class,
                ChangeSegment.class, ColdStart.class, ConfigStats.class, DeadLetter.class, GenerationMetrics.class,
                Metric.class, MetricStats.class, ModelChanges.class, ModelMetrics.class, PerformanceChange.class,
                ReportGenerated.class);
    }

    @ParameterizedTest
    @MethodSource("types")
    <T extends SpecificRecord> void writesTheBytesOfAvrosGenericWriter(Class<T> type) throws IOException {
        Schema schema = SpecificData.get().getSchema(type);
        AvroBodyEncoder<T> encoder = AvroBodyEncoder.of(type);
        SpecificDatumReader<T> reader = new SpecificDatumReader<>(schema);
        int records = 0;
        // Random generic records (Avro's RandomData knows no logical types), read back as the generated class
        // (maps come back in another order, so its bytes are compared with the same record's, not these).
        for (Object random : new RandomData(GenericData.get(), schema, 200, 20261205L)) {
            byte[] written = write(new GenericDatumWriter<>(schema), random);
            T record = reader.read(null, DecoderFactory.get().binaryDecoder(written, null));

            assertThat(encoder.encode(record).body()).as("%s #%d", type.getSimpleName(), records)
                    .isEqualTo(generic(schema, record));
            records++;
        }
        assertThat(records).isEqualTo(200);
    }

    @Test
    void anEncodedRecordIsSentAsTheSerialiserWouldSendIt() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        AvroSerializer<BenchmarkRun> serializer = AvroSerde.forValue(registry, BenchmarkRun.class).serializer();
        BenchmarkRun run = AvroSerdeTest.sampleRun();
        Encoded<BenchmarkRun> encoded = AvroBodyEncoder.of(BenchmarkRun.class).encode(run);

        byte[] sent = serializer.forEncoded().serialize("chimera.benchmark-runs", encoded);

        assertThat(sent).isEqualTo(AvroSerde.forValue(registry, BenchmarkRun.class).serializer()
                .serialize("chimera.benchmark-runs", run));
        assertThat(registry.subjects()).containsExactly("chimera.benchmark-runs-value");
        assertThat(serializer.forEncoded().serialize("t", null)).isNull();
    }

    @Test
    void anEncodedRecordIsSentWithTheBytesItWasEncodedWithNotEncodedAgain() {
        AvroSerializer<BenchmarkRun> serializer = AvroSerde.forValue(new InMemorySchemaRegistry(), BenchmarkRun.class)
                .serializer();
        BenchmarkRun run = AvroSerdeTest.sampleRun();
        Encoded<BenchmarkRun> encoded = AvroBodyEncoder.of(BenchmarkRun.class).encode(run);
        byte[] asEncoded = serializer.serialize("t", run);

        run.setModel("changed after encoding");

        assertThat(serializer.forEncoded().serialize("t", encoded)).isEqualTo(asEncoded);
    }

    @Test
    void anEncodedRecordFillsItsHeaderInOnceAndAnArrayHandedOutIsNeverChanged() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        InMemorySchemaRegistry another = new InMemorySchemaRegistry();
        another.register("first-value", ConfigStats.getClassSchema()); // BenchmarkRun gets id 2 there, 1 here
        AvroSerializer<BenchmarkRun> serializer = AvroSerde.forValue(registry, BenchmarkRun.class).serializer();
        AvroSerializer<BenchmarkRun> elsewhere = AvroSerde.forValue(another, BenchmarkRun.class).serializer();
        BenchmarkRun run = AvroSerdeTest.sampleRun();
        Encoded<BenchmarkRun> encoded = AvroBodyEncoder.of(BenchmarkRun.class).encode(run);
        byte[] body = encoded.body();

        byte[] sent = serializer.forEncoded().serialize("t", encoded);
        byte[] sentCopy = sent.clone();
        byte[] sentAgain = serializer.forEncoded().serialize("t", encoded);
        byte[] sentElsewhere = elsewhere.forEncoded().serialize("t", encoded);

        assertThat(sentAgain).as("the same id: the same array").isSameAs(sent);
        assertThat(sentElsewhere).as("another id: another array").isNotSameAs(sent)
                .isEqualTo(elsewhere.serialize("t", run));
        assertThat(sent).as("the first array, after another id was sent").isEqualTo(sentCopy)
                .isEqualTo(serializer.serialize("t", run));
        assertThat(encoded.body()).isEqualTo(body);
        ByteBuffer inPlace = encoded.bodyBuffer();
        byte[] read = new byte[inPlace.remaining()];
        inPlace.get(read);
        assertThat(read).isEqualTo(body);
    }

    @Test
    void aRecordEncodedUnderAnotherSchemaIsRefused() {
        AvroSerializer<BenchmarkRun> serializer = AvroSerde.forValue(new InMemorySchemaRegistry(), BenchmarkRun.class)
                .serializer();
        Schema other = Schema.createRecord("BenchmarkRun", null, "io.chimera.insight.events", false, List.of());
        @SuppressWarnings({"unchecked", "rawtypes"})
        Encoded<BenchmarkRun> foreign = new Encoded(AvroSerdeTest.sampleRun(), other, new byte[WireFormat.HEADER_SIZE]);

        assertThatThrownBy(() -> serializer.forEncoded().serialize("chimera.benchmark-runs", foreign))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("another schema");
    }

    @Test
    void configStatsIsWrittenByHandOnlyUnderTheSchemaItsWriterFollows() {
        Schema own = ConfigStats.getClassSchema();
        assertThat(ConfigStatsWriter.writes(own)).isTrue();

        // The same record with a field more, and with one field of another type: the generic writer's.
        List<Schema.Field> more = new ArrayList<>();
        own.getFields().forEach(field -> more.add(new Schema.Field(field, field.schema())));
        more.add(new Schema.Field("extra", Schema.create(Schema.Type.LONG), null, 0L));
        assertThat(ConfigStatsWriter.writes(Schema.createRecord(own.getName(), null, own.getNamespace(), false, more)))
                .isFalse();
        List<Schema.Field> retyped = new ArrayList<>();
        own.getFields().forEach(field -> retyped.add(field.name().equals("coldRuns")
                ? new Schema.Field(field.name(), Schema.create(Schema.Type.INT), null, 0)
                : new Schema.Field(field, field.schema())));
        assertThat(ConfigStatsWriter.writes(Schema.createRecord(own.getName(), null, own.getNamespace(), false,
                retyped))).isFalse();
        assertThat(ConfigStatsWriter.writes(MetricStats.getClassSchema())).isFalse();

        // The same fields, with a MetricStats of another layout in its maps: the writer writes those by hand too.
        Schema stats = MetricStats.getClassSchema();
        List<Schema.Field> statsFields = new ArrayList<>();
        stats.getFields().forEach(field -> statsFields.add(new Schema.Field(field, field.schema())));
        statsFields.add(new Schema.Field("p999", Schema.create(Schema.Type.DOUBLE), null, 0.0));
        Schema otherStats = Schema.createRecord(stats.getName(), null, stats.getNamespace(), false, statsFields);
        List<Schema.Field> withOtherStats = new ArrayList<>();
        own.getFields().forEach(field -> withOtherStats.add(field.schema().getType() == Schema.Type.MAP
                && field.schema().getValueType().getType() == Schema.Type.RECORD
                ? new Schema.Field(field.name(), Schema.createMap(otherStats), null, null)
                : new Schema.Field(field, field.schema())));
        assertThat(ConfigStatsWriter.writes(Schema.createRecord(own.getName(), null, own.getNamespace(), false,
                withOtherStats))).isFalse();
    }

    @Test
    void aConfigStatsSketchIsWrittenFromWhereverItsBufferStandsAndTheBufferIsLeftAsItWas() throws IOException {
        byte[] sketch = new byte[300];
        for (int i = 0; i < sketch.length; i++) {
            sketch[i] = (byte) (i * 31 + 7);
        }
        ByteBuffer sliced = ByteBuffer.wrap(sketch, 20, 200).slice(); // array offset 20
        sliced.position(5);
        ByteBuffer direct = ByteBuffer.allocateDirect(120).put(sketch, 0, 120).flip();
        List<ByteBuffer> buffers = List.of(ByteBuffer.wrap(sketch), sliced, ByteBuffer.wrap(sketch).asReadOnlyBuffer(),
                direct, ByteBuffer.allocate(0), ByteBuffer.wrap(sketch, 10, 0).slice());
        AvroBodyEncoder<ConfigStats> encoder = AvroBodyEncoder.of(ConfigStats.class);
        for (ByteBuffer buffer : buffers) {
            int position = buffer.position();
            ConfigStats stats = configWith(buffer);

            assertThat(encoder.encode(stats).body()).as("%s", buffer)
                    .isEqualTo(generic(ConfigStats.getClassSchema(), configWith(buffer)));
            assertThat(buffer.position()).as("%s, position", buffer).isEqualTo(position);
        }
    }

    private static ConfigStats configWith(ByteBuffer sketch) {
        MetricStats stats = MetricStats.newBuilder().setUnit("ms").setCount(3).setMean(1.5).setM2(2.5).setStddev(1.1)
                .setMin(0.5).setMax(2.5).setP50(1.5).setP90(2.4).setP95(2.45).setP99(2.5).setSketch(sketch.duplicate())
                .build();
        HashMap<String, MetricStats> metrics = new HashMap<>();
        metrics.put("ttft", stats);
        return ConfigStats.newBuilder().setConfigKey("num_ctx=2048").setConfig(new HashMap<>()).setMetrics(metrics)
                .setFiles(new ArrayList<>()).setWarmMetrics(new HashMap<>(metrics)).setFirstSeen(Instant.EPOCH)
                .setLastSeen(Instant.EPOCH).build();
    }

    @Test
    void aConfigStatsWithARequiredFieldNullIsRefusedAsTheGenericWriterRefusesIt() {
        ConfigStats stats = ConfigStats.newBuilder().setConfigKey("num_ctx=2048").setConfig(new HashMap<>())
                .setMetrics(new HashMap<>()).setFiles(new ArrayList<>()).setWarmMetrics(new HashMap<>())
                .setFirstSeen(Instant.EPOCH).setLastSeen(Instant.EPOCH).build();
        AvroBodyEncoder<ConfigStats> encoder = AvroBodyEncoder.of(ConfigStats.class);
        byte[] valid = encoder.encode(stats).body();

        stats.setFiles(null);

        assertThatThrownBy(() -> encoder.encode(stats)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("ConfigStats");
        stats.setFiles(new ArrayList<>());
        assertThat(encoder.encode(stats).body()).as("the next record, with fresh buffers").isEqualTo(valid);
    }

    /** What every serialiser wrote before: Avro's writer for the class, generated encoders off. */
    private static <T> byte[] generic(Schema schema, T record) throws IOException {
        assertThat(SpecificData.getForSchema(schema).useCustomCoders()).as("the class's shared model").isFalse();
        return write(new SpecificDatumWriter<>(schema), record);
    }

    private static <T> byte[] write(DatumWriter<T> writer, Object record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        @SuppressWarnings("unchecked")
        T typed = (T) record;
        writer.write(typed, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
