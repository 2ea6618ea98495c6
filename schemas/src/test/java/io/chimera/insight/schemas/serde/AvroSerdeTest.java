package io.chimera.insight.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.Metric;
import io.chimera.insight.schemas.registry.InMemorySchemaRegistry;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroSerde<BenchmarkRun> serde = AvroSerde.forValue(registry, BenchmarkRun.class);

    static BenchmarkRun sampleRun() {
        return BenchmarkRun.newBuilder()
                .setRunId("f1#row 2")
                .setFileId("f1")
                .setFileSha256("abc")
                .setPath("gemma3/gemma3_270m_param_tuning.csv")
                .setLocator("row 2")
                .setModel("gemma3:270m")
                .setConfig(Map.of("num_gpu", "999", "num_ctx", "1024"))
                .setMetrics(Map.of("ttft_ms", new Metric(1148.5114, "ms", "ttft_s")))
                .setIngestedAt(Instant.ofEpochMilli(1_700_000_000_123L))
                .build();
    }

    @Test
    void roundTripsARecordThroughTheWireFormat() {
        BenchmarkRun run = sampleRun();
        byte[] bytes = serde.serializer().serialize("chimera.benchmark-runs", run);
        assertThat(serde.deserializer().deserialize("chimera.benchmark-runs", bytes)).isEqualTo(run);
    }

    @Test
    void writesMagicByteAndBigEndianSchemaIdRegisteredUnderTheTopicValueSubject() {
        byte[] bytes = serde.serializer().serialize("chimera.benchmark-runs", sampleRun());
        int id = registry.latest("chimera.benchmark-runs-value").id();
        ByteBuffer header = ByteBuffer.wrap(bytes);
        assertThat(header.get()).isEqualTo((byte) 0);
        assertThat(header.getInt()).isEqualTo(id);
        assertThat(registry.subjects()).containsExactly("chimera.benchmark-runs-value");
    }

    @Test
    void keySerdeRegistersUnderTheKeySubject() {
        AvroSerde<BenchmarkRun> keySerde = AvroSerde.forKey(registry, BenchmarkRun.class);
        keySerde.serializer().serialize("t", sampleRun());
        assertThat(registry.subjects()).containsExactly("t-key");
    }

    @Test
    void aSmallRecordAfterALargeOneOnTheSameThreadCarriesOnlyItsOwnBytes() {
        BenchmarkRun large = sampleRun();
        large.setLocator("x".repeat(2 * 1024 * 1024)); // past what the thread's buffer keeps
        BenchmarkRun medium = sampleRun();
        medium.setLocator("y".repeat(64 * 1024)); // grows the buffer, which the thread keeps
        BenchmarkRun small = sampleRun();
        byte[] alone = AvroSerde.forValue(new InMemorySchemaRegistry(), BenchmarkRun.class).serializer()
                .serialize("chimera.benchmark-runs", small);

        for (BenchmarkRun run : new BenchmarkRun[] {large, small, medium, small}) {
            byte[] bytes = serde.serializer().serialize("chimera.benchmark-runs", run);
            assertThat(serde.deserializer().deserialize("chimera.benchmark-runs", bytes)).isEqualTo(run);
            if (run == small) {
                assertThat(bytes).isEqualTo(alone);
            }
        }
    }

    @Test
    void aRecordThatFailsToEncodeLeavesNothingForTheNext() {
        BenchmarkRun broken = sampleRun();
        broken.setModel(null); // a required string: the writer fails part-way through the record
        assertThatThrownBy(() -> serde.serializer().serialize("chimera.benchmark-runs", broken))
                .isInstanceOf(SerializationException.class);

        byte[] bytes = serde.serializer().serialize("chimera.benchmark-runs", sampleRun());
        assertThat(serde.deserializer().deserialize("chimera.benchmark-runs", bytes)).isEqualTo(sampleRun());
        assertThat(bytes).isEqualTo(AvroSerde.forValue(new InMemorySchemaRegistry(), BenchmarkRun.class).serializer()
                .serialize("chimera.benchmark-runs", sampleRun()));
    }

    /**
     * The thread's decoder is reused from record to record: records of different lengths read one after
     * the other, a short one after a long one included, and one read after a record that failed part-way,
     * each come back as written, with nothing of the record before.
     */
    @Test
    void manyRecordsDecodedInARowOnOneThreadEachComeBackAsWritten() {
        Deserializer<BenchmarkRun> deserializer = serde.deserializer();
        List<BenchmarkRun> runs = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            BenchmarkRun run = sampleRun();
            run.setRunId("f" + i + "#row " + i);
            run.setLocator("row ".repeat(1 + (i * 37) % 90)); // lengths up and down
            run.setConfig(Map.of("num_ctx", String.valueOf(1024 + i), "batch", "b".repeat(i % 7)));
            run.setMetrics(Map.of("ttft_ms", new Metric(1148.5 + i, "ms", "ttft_s"),
                    "tokens_per_second", new Metric(40.0 - i / 100.0, "tok/s", "eval_rate")));
            runs.add(run);
        }
        List<byte[]> encoded = runs.stream()
                .map(run -> serde.serializer().serialize("chimera.benchmark-runs", run)).toList();

        for (int i = 0; i < runs.size(); i++) {
            if (i == 250) { // a record cut short, part-way through its fields
                byte[] cut = Arrays.copyOf(encoded.get(i), encoded.get(i).length / 2);
                assertThatThrownBy(() -> deserializer.deserialize("chimera.benchmark-runs", cut))
                        .isInstanceOf(SerializationException.class);
            }
            assertThat(deserializer.deserialize("chimera.benchmark-runs", encoded.get(i))).isEqualTo(runs.get(i));
        }
    }

    @Test
    void nullStaysNullForTombstones() {
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void bytesNotInTheWireFormatFailWithAReasonNamingTheTopic() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("chimera.benchmark-runs", "{\"x\":1}".getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("chimera.benchmark-runs")
                .hasMessageContaining("magic byte");
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {0, 0}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("too short");
    }
}
