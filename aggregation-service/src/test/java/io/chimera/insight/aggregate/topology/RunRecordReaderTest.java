package io.chimera.insight.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimera.insight.aggregate.statistics.RunMetrics;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.Metric;
import io.chimera.insight.events.RecordKind;
import io.chimera.insight.schemas.registry.InMemorySchemaRegistry;
import io.chimera.insight.schemas.registry.SchemaRegistry;
import io.chimera.insight.schemas.registry.SchemaRegistryException;
import io.chimera.insight.schemas.serde.AvroSerde;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

/**
 * The aggregation's own reader of runs reads what Avro's generic reader reads from the same bytes (maps in the
 * same iteration order), takes only records of its own layout, and leaves everything else (another writer
 * schema, bytes it does not expect) to the generic reader, which reads or rejects them as before.
 */
class RunRecordReaderTest {

    private static final String TOPIC = "test.benchmark-runs";
    private static final String[] NAMES = {"tokens_per_s", "ttft_ms", "load_duration_ms", "total_duration_ms",
        "eval_count", "prompt_eval_count", "latency", "gpu_util_%", "débit", "日本語の指標", "emoji_\uD83D\uDE80", ""};
    private static final String[] UNITS = {"tokens/s", "ms", "s", "count", "", "%", "µs"};
    private static final String[] CONFIG_KEYS = {"num_gpu", "num_ctx", "temperature", "quant", "batch", "clé"};
    private static final String[] CONFIG_VALUES = {"0", "1", "2048", "4096", "0.7", "q4_K_M", "", "vrai"};
    private static final double[] ODD_VALUES = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        -0.0, 0.0, Double.MIN_VALUE, Double.MAX_VALUE};

    private final SchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroSerde<BenchmarkRun> serde = AvroSerde.forValue(registry, BenchmarkRun.class);
    private final Serializer<BenchmarkRun> writer = serde.serializer();
    private final Deserializer<BenchmarkRun> generic = serde.deserializer();

    @Test
    void readsEveryRecordOfItsOwnLayoutAsTheGenericReaderDoesMapsInTheSameOrder() {
        RunRecordReader reader = new RunRecordReader(generic);
        Random random = new Random(17);
        for (int i = 0; i < 3_000; i++) {
            byte[] bytes = writer.serialize(TOPIC, run(random, i));
            BenchmarkRun own = reader.read(TOPIC, null, bytes);
            BenchmarkRun expected = generic.deserialize(TOPIC, bytes);
            assertSame(own, expected, "run " + i);
            assertThat(own.getMetrics()).as("run %d", i).isInstanceOf(RunMetrics.class);
        }
        assertThat(reader.ownReads()).isEqualTo(3_000);
    }

    @Test
    void aRepeatedNameUnitOrConfigurationIsTheSameStringNotANewOne() {
        RunRecordReader reader = new RunRecordReader(generic);
        Random random = new Random(3);
        BenchmarkRun template = run(random, 0);
        BenchmarkRun first = reader.read(TOPIC, null, writer.serialize(TOPIC, template));
        template.setRunId("another run");
        BenchmarkRun second = reader.read(TOPIC, null, writer.serialize(TOPIC, template));
        List<String> firstNames = new ArrayList<>(first.getMetrics().keySet());
        List<String> secondNames = new ArrayList<>(second.getMetrics().keySet());
        for (int i = 0; i < firstNames.size(); i++) {
            assertThat(secondNames.get(i)).isSameAs(firstNames.get(i));
            Metric a = first.getMetrics().get(firstNames.get(i));
            Metric b = second.getMetrics().get(secondNames.get(i));
            assertThat(b.getUnit()).isSameAs(a.getUnit());
            assertThat(b.getSourceName()).isSameAs(a.getSourceName());
        }
        first.getConfig().forEach((key, value) -> {
            String secondKey = second.getConfig().keySet().stream().filter(key::equals).findFirst().orElseThrow();
            assertThat(secondKey).isSameAs(key);
            assertThat(second.getConfig().get(key)).isSameAs(value);
        });
        assertThat(second.getModel()).isSameAs(first.getModel());
        assertThat(second.getFileId()).isSameAs(first.getFileId());
        assertThat(second.getRunId()).isEqualTo("another run");
    }

    @Test
    void aRecordOfAnotherWriterSchemaIsReadByTheGenericReaderAndResolvedAsBefore() throws IOException {
        Schema evolved = evolvedSchema();
        int id = registry.register(TOPIC + "-value", evolved);
        RunRecordReader reader = new RunRecordReader(generic);
        Random random = new Random(23);
        for (int i = 0; i < 200; i++) {
            BenchmarkRun run = run(random, i);
            byte[] bytes = wireFormat(id, evolved, evolvedRecord(evolved, run, "rig-" + i));
            BenchmarkRun read = reader.read(TOPIC, null, bytes);
            assertSame(read, generic.deserialize(TOPIC, bytes), "run " + i);
            assertThat(content(read)).isEqualTo(content(run));
            assertThat(read.getMetrics()).isNotInstanceOf(RunMetrics.class);
        }
        assertThat(reader.ownReads()).isZero();
        // And the own layout's records between them are still read by this reader.
        reader.read(TOPIC, null, writer.serialize(TOPIC, run(random, 0)));
        assertThat(reader.ownReads()).isOne();
    }

    @Test
    void anUnknownSchemaIdFailsAsTheGenericReaderFails() {
        RunRecordReader reader = new RunRecordReader(generic);
        byte[] unknown = ByteBuffer.allocate(9).put((byte) 0).putInt(4_711).putInt(42).array();
        assertThatThrownBy(() -> reader.read(TOPIC, null, unknown)).isInstanceOf(SchemaRegistryException.class);
        assertThat(reader.read(TOPIC, null, null)).isNull();
    }

    @Test
    void everyTruncatedOrCorruptedRecordGetsTheGenericReadersOutcome() {
        RunRecordReader reader = new RunRecordReader(generic);
        Random random = new Random(41);
        int ownReads = 0;
        int rejected = 0;
        for (int i = 0; i < 40; i++) {
            byte[] bytes = writer.serialize(TOPIC, run(random, i));
            for (int length = 0; length < bytes.length; length++) {
                rejected += sameOutcome(reader, Arrays.copyOf(bytes, length), "run " + i + " cut at " + length) ? 0 : 1;
            }
        }
        for (int i = 0; i < 4_000; i++) {
            byte[] bytes = writer.serialize(TOPIC, run(random, i));
            int flips = 1 + random.nextInt(3);
            for (int f = 0; f < flips; f++) {
                int at = 5 + random.nextInt(bytes.length - 5);
                bytes[at] = (byte) random.nextInt(256);
            }
            long before = reader.ownReads();
            rejected += sameOutcome(reader, bytes, "corrupted run " + i) ? 0 : 1;
            ownReads += (int) (reader.ownReads() - before);
        }
        // Both kinds happened: corrupted records this reader read itself, and records the generic one rejected.
        assertThat(ownReads).isPositive();
        assertThat(rejected).isPositive();
    }

    /** Whether the generic reader read {@code bytes} (then so did the reader, equally); else both threw alike. */
    private boolean sameOutcome(RunRecordReader reader, byte[] bytes, String what) {
        BenchmarkRun expected;
        try {
            expected = generic.deserialize(TOPIC, bytes);
        } catch (RuntimeException e) {
            assertThatThrownBy(() -> reader.read(TOPIC, null, bytes)).as(what)
                    .isInstanceOf(e.getClass()).hasMessage(e.getMessage());
            assertThat(e).isInstanceOf(SerializationException.class);
            return false;
        }
        assertSame(reader.read(TOPIC, null, bytes), expected, what);
        return true;
    }

    private void assertSame(BenchmarkRun actual, BenchmarkRun expected, String what) {
        // Avro's equals takes NaN for unequal to itself: the encodings (every field, maps in their order) are compared.
        assertThat(writer.serialize(TOPIC, actual)).as(what).isEqualTo(writer.serialize(TOPIC, expected));
        assertThat(actual.toString()).as(what).isEqualTo(expected.toString());
        assertThat(new ArrayList<>(actual.getMetrics().keySet())).as(what + ": metrics' order")
                .containsExactlyElementsOf(expected.getMetrics().keySet());
        assertThat(actual.getMetrics().values().toString()).as(what + ": metrics' values in order")
                .isEqualTo(expected.getMetrics().values().toString());
        assertThat(new ArrayList<>(actual.getConfig().entrySet())).as(what + ": configuration's order")
                .containsExactlyElementsOf(expected.getConfig().entrySet());
        assertThat(actual.getMetrics().hashCode()).as(what).isEqualTo(expected.getMetrics().hashCode());
        expected.getMetrics().forEach((name, metric) -> assertThat(actual.getMetrics().get(name).toString()).as(what)
                .isEqualTo(metric.toString()));
    }

    /** The run's fields, its maps sorted by key (Avro's equals takes NaN for unequal to itself). */
    private static String content(BenchmarkRun run) {
        BenchmarkRun sorted = BenchmarkRun.newBuilder(run).setConfig(new TreeMap<>(run.getConfig()))
                .setMetrics(new TreeMap<>(run.getMetrics())).build();
        return sorted.toString();
    }

    /** A run of random content: names shared with the runs before or new, non-ASCII text, odd values, no metrics. */
    static BenchmarkRun run(Random random, int i) {
        Map<String, String> config = new LinkedHashMap<>();
        int configs = random.nextInt(6);
        for (int c = 0; c < configs; c++) {
            config.put(pick(random, CONFIG_KEYS), pick(random, CONFIG_VALUES));
        }
        Map<String, Metric> metrics = new LinkedHashMap<>();
        int count = random.nextInt(10) == 0 ? 0 : random.nextInt(random.nextInt(20) == 0 ? 90 : NAMES.length + 1);
        for (int m = 0; m < count; m++) {
            String name = m < NAMES.length && random.nextInt(4) > 0 ? NAMES[m] : pick(random, NAMES) + "_" + random.nextInt(120);
            double value = random.nextInt(15) == 0 ? ODD_VALUES[random.nextInt(ODD_VALUES.length)]
                    : random.nextGaussian() * 1e3;
            metrics.put(name, new Metric(value, pick(random, UNITS), random.nextBoolean() ? name : "col " + m));
        }
        return BenchmarkRun.newBuilder()
                .setRunId("file-" + random.nextInt(4) + "#row " + i)
                .setFileId("file-" + random.nextInt(4))
                .setFileSha256(Integer.toHexString(random.nextInt(3)).repeat(64).substring(0, 64))
                .setPath("rigs/é/file-" + random.nextInt(4) + ".csv")
                .setLocator("row " + i)
                .setKind(random.nextInt(8) == 0 ? RecordKind.SUMMARY : RecordKind.RUN)
                .setModel(random.nextInt(5) == 0 ? "" : "model-" + random.nextInt(3))
                .setConfig(config)
                .setMetrics(metrics)
                .setOk(random.nextInt(6) > 0)
                .setError(random.nextBoolean() ? null : "error " + "x".repeat(random.nextInt(400)))
                .setObservedAt(random.nextBoolean() ? null : Instant.ofEpochMilli(random.nextLong() >> 20))
                .setIngestedAt(Instant.ofEpochMilli(1_700_000_000_000L + random.nextInt(1_000_000)))
                .build();
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    /**
     * A newer writer's schema: the file id before the run id (both strings) and a field added at the end, so that
     * this reader's layout would read it without a hitch, and wrong (the two ids swapped).
     */
    private static Schema evolvedSchema() {
        List<Schema.Field> own = BenchmarkRun.getClassSchema().getFields();
        List<Schema.Field> fields = new ArrayList<>();
        fields.add(new Schema.Field(own.get(1), own.get(1).schema()));
        fields.add(new Schema.Field(own.get(0), own.get(0).schema()));
        for (Schema.Field field : own.subList(2, own.size())) {
            fields.add(new Schema.Field(field, field.schema()));
        }
        fields.add(new Schema.Field("rig", Schema.create(Schema.Type.STRING), "The rig that ran it.", ""));
        Schema schema = BenchmarkRun.getClassSchema();
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    private static GenericRecord evolvedRecord(Schema evolved, BenchmarkRun run, String rig) {
        GenericRecord record = new GenericData.Record(evolved);
        record.put("rig", rig);
        for (Schema.Field field : BenchmarkRun.getClassSchema().getFields()) {
            Object value = run.get(field.pos());
            if (value instanceof Instant instant) {
                value = instant.toEpochMilli();
            } else if (value instanceof RecordKind kind) {
                value = new GenericData.EnumSymbol(field.schema(), kind.name());
            } else if (value instanceof Map<?, ?> map && field.name().equals("metrics")) {
                Map<String, GenericRecord> metrics = new LinkedHashMap<>();
                Schema metricSchema = field.schema().getValueType();
                map.forEach((name, metric) -> {
                    GenericRecord generic = new GenericData.Record(metricSchema);
                    generic.put("value", ((Metric) metric).getValue());
                    generic.put("unit", ((Metric) metric).getUnit());
                    generic.put("sourceName", ((Metric) metric).getSourceName());
                    metrics.put((String) name, generic);
                });
                value = metrics;
            }
            record.put(field.name(), value);
        }
        return record;
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
