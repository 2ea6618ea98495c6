package io.chimera.insight.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.events.ModelChanges;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.schemas.registry.InMemorySchemaRegistry;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/**
 * The model's performance changes were added to {@code ModelMetrics} ({@code changes}, a
 * {@code ModelChanges}) with a default: services on the schema before it and after it read each
 * other's records, on {@code model-metrics} and inside {@code AnalysisRequest} and
 * {@code AnalysisResult}. The "older" schema is today's without that field.
 */
class ModelChangesEvolutionTest {

    private static final String SUBJECT = "chimera.model-metrics-value";
    private static final Schema NEWER = ModelMetrics.getClassSchema();
    private static final Schema OLDER = AvroBinary.without(NEWER, Set.of("changes"));


    private static ModelMetrics newerRecord() {
        return ModelMetrics.newBuilder().setModel("gemma3:270m").setRuns(20)
                .setChanges(ModelChanges.newBuilder().setWatchedSeries(2).setWatchedMetrics(List.of("tokens_per_s", "ttft_ms"))
                        .setStanding(List.of(PerformanceChangeEvolutionTest.sample())).build())
                .build();
    }

    @Test
    void theSchemaWithChangesIsCompatibleBothWaysWithTheOneBefore() {
        assertThat(AvroBinary.registryAccepts(SUBJECT, OLDER, NEWER)).isTrue();
        assertThat(AvroBinary.registryAccepts(SUBJECT, NEWER, OLDER)).isTrue();
    }

    @Test
    void aRecordWrittenBeforeChangesReadsWithNone() throws IOException {
        GenericRecord old = AvroBinary.defaults(OLDER);
        old.put("model", "gemma3:270m");
        byte[] bytes = AvroBinary.write(OLDER, old);

        ModelMetrics read = AvroBinary.readSpecific(bytes, OLDER, NEWER);

        assertThat(read.getModel()).isEqualTo("gemma3:270m");
        assertThat(read.getChanges()).isNull();
    }

    @Test
    void aReaderBeforeChangesReadsARecordThatHasThem() throws IOException {
        byte[] bytes = AvroBinary.write(NEWER, newerRecord());

        GenericRecord read = AvroBinary.readGeneric(bytes, NEWER, OLDER);

        assertThat(read.get("model")).hasToString("gemma3:270m");
        assertThat(read.get("runs")).isEqualTo(20L);
        assertThat(read.getSchema().getField("changes")).isNull();
    }

    @Test
    void changesSurviveTheWireFormat() {
        AvroSerde<ModelMetrics> serde = AvroSerde.forValue(new InMemorySchemaRegistry(), ModelMetrics.class);
        byte[] bytes = serde.serializer().serialize("chimera.model-metrics", newerRecord());

        assertThat(serde.deserializer().deserialize("chimera.model-metrics", bytes)).isEqualTo(newerRecord());
    }
}
