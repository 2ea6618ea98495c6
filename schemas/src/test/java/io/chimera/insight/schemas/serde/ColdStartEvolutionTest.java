package io.chimera.insight.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.events.ColdStart;
import io.chimera.insight.events.ColdStartStatus;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.ModelMetrics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/**
 * The cold/warm split was added to {@code ModelMetrics} ({@code coldStart}) and {@code ConfigStats}
 * ({@code coldRuns}, {@code warmMetrics}) with defaults: services on the schema before it and after it
 * read each other's records. The "older" schema is today's without those fields.
 */
class ColdStartEvolutionTest {

    private static final String SUBJECT = "chimera.model-metrics-value";
    private static final Schema NEWER = ModelMetrics.getClassSchema();
    private static final Schema OLDER = older();

    private static Schema older() {
        Schema config = without(ConfigStats.getClassSchema(), Set.of("coldRuns", "warmMetrics"), null);
        return without(NEWER, Set.of("coldStart"), config);
    }

    /** {@code record} without the fields named, its {@code configs} items replaced by {@code configs} when given. */
    private static Schema without(Schema record, Set<String> dropped, Schema configs) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : record.getFields()) {
            if (dropped.contains(field.name())) {
                continue;
            }
            Schema type = configs != null && field.name().equals("configs") ? Schema.createArray(configs) : field.schema();
            fields.add(new Schema.Field(field.name(), type, field.doc(), field.defaultVal()));
        }
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, fields);
    }

    private static ModelMetrics newerRecord() {
        ConfigStats config = ConfigStats.newBuilder().setConfigKey("num_ctx=2048").setConfig(Map.of("num_ctx", "2048"))
                .setRuns(3).setColdRuns(1).build();
        return ModelMetrics.newBuilder().setModel("gemma3:270m").setRuns(3).setConfigs(List.of(config))
                .setColdStart(ColdStart.newBuilder().setStatus(ColdStartStatus.CLASSIFIED).setColdRuns(1).setWarmRuns(2)
                        .setThresholdMs(257.9).build())
                .build();
    }

    @Test
    void theSchemaWithTheSplitIsRegisteredAsCompatibleWithTheOneBefore() {
        assertThat(AvroBinary.registryAccepts(SUBJECT, OLDER, NEWER)).isTrue();
    }

    @Test
    void aRecordWrittenBeforeTheSplitReadsWithNoSplit() throws IOException {
        GenericRecord config = AvroBinary.defaults(OLDER.getField("configs").schema().getElementType());
        config.put("configKey", "num_ctx=2048");
        config.put("runs", 3L);
        GenericRecord old = AvroBinary.defaults(OLDER);
        old.put("model", "gemma3:270m");
        old.put("configs", List.of(config));
        byte[] bytes = AvroBinary.write(OLDER, old);

        ModelMetrics read = AvroBinary.readSpecific(bytes, OLDER, NEWER);

        assertThat(read.getModel()).isEqualTo("gemma3:270m");
        assertThat(read.getColdStart()).isNull();
        assertThat(read.getConfigs().get(0).getColdRuns()).isZero();
        assertThat(read.getConfigs().get(0).getWarmMetrics()).isEmpty();
    }

    @Test
    void aReaderBeforeTheSplitReadsARecordThatHasIt() throws IOException {
        byte[] bytes = AvroBinary.write(NEWER, newerRecord());

        GenericRecord read = AvroBinary.readGeneric(bytes, NEWER, OLDER);

        assertThat(read.get("model")).hasToString("gemma3:270m");
        assertThat(read.get("runs")).isEqualTo(3L);
        assertThat(read.getSchema().getField("coldStart")).isNull();
    }
}
