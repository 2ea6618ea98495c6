package io.chimera.insight.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.schemas.registry.SchemaRegistryException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A benchmark-runs record that cannot be decoded becomes a dead letter, and the aggregation goes on. */
class UndecodableRunsTest {

    private static final String GEMMA = "gemma3:270m";

    @TempDir
    Path stateDir;

    @Test
    void undecodableRecordsAreDeadLetteredAndTheRunsAroundThemStillCount() {
        TestFile file = TestFile.of("runs.csv", "v1", AggregationRig.START);
        try (AggregationRig rig = new AggregationRig(AggregationSettings.defaults(), stateDir)) {
            BenchmarkRun third = file.run(GEMMA, 3, Map.of(), Map.of("tokens_per_s", 130.0));
            byte[] notAvro = "tokens_per_s=120".getBytes(StandardCharsets.UTF_8);
            byte[] unknownSchema = ByteBuffer.allocate(9).put((byte) 0).putInt(4_711).putInt(42).array();
            byte[] encoded = rig.encode(third);
            byte[] truncated = Arrays.copyOf(encoded, encoded.length / 2);

            rig.publish(file.run(GEMMA, 0, Map.of(), Map.of("tokens_per_s", 100.0)));  // offset 0
            rig.publishRaw(GEMMA, notAvro);                                             // 1
            rig.publishRaw(GEMMA, unknownSchema);                                       // 2
            rig.publishRaw(GEMMA, truncated);                                           // 3
            rig.publish(file.run(GEMMA, 1, Map.of(), Map.of("tokens_per_s", 110.0)));  // 4
            rig.publishRaw(GEMMA, encoded);                                             // 5: the same run, intact
            rig.settle();

            List<TestRecord<String, DeadLetter>> letters = rig.deadLetters();
            assertThat(letters).extracting(TestRecord::key)
                    .containsExactly("test.benchmark-runs/0@1", "test.benchmark-runs/0@2", "test.benchmark-runs/0@3");
            assertThat(letters).extracting(TestRecord::value).allSatisfy(letter -> {
                assertThat(letter.getStage()).isEqualTo("aggregation");
                assertThat(letter.getSource()).startsWith("test.benchmark-runs/0@");
            });
            DeadLetter first = letters.get(0).value();
            assertThat(first.getErrorClass()).isEqualTo("org.apache.kafka.common.errors.SerializationException");
            assertThat(first.getExcerpt()).isEqualTo(HexFormat.of().formatHex(notAvro));
            assertThat(letters.get(1).value().getErrorClass()).isEqualTo(SchemaRegistryException.class.getName());
            assertThat(letters.get(1).value().getMessage()).contains("404");
            assertThat(letters.get(2).value().getErrorClass()).isEqualTo("org.apache.kafka.common.errors.SerializationException");

            assertThat(rig.latest(GEMMA).getRuns()).isEqualTo(3);
            assertThat(rig.latest(GEMMA).getMetrics().get("tokens_per_s").getMean()).isCloseTo((100.0 + 110.0 + 130.0) / 3, within(1e-9));
        }
    }

    @Test
    void aRegistryThatCannotBeReachedIsNotTheRecordsFaultAndStopsTheThread() {
        SchemaRegistryException unreachable = new SchemaRegistryException(null, "http://registry:8081", 0, 0,
                "unreachable: connection refused", null);
        Deserializer<BenchmarkRun> failing = (topic, data) -> {
            throw unreachable;
        };
        MockProcessorContext<String, SpecificRecord> context = new MockProcessorContext<>();
        context.setRecordMetadata("test.benchmark-runs", 0, 7);
        RunDecoder decoder = new RunDecoder(failing);
        decoder.init(context);

        assertThatThrownBy(() -> decoder.process(new Record<>(GEMMA, new byte[] {0, 0, 0, 0, 1}, 0L))).isSameAs(unreachable);
        assertThat(context.forwarded()).isEmpty();
    }
}
