package io.chimera.insight.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.ModelMetrics;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/**
 * {@code ModelMetrics} gained {@code configCount}, {@code configsDigest} and {@code configsAt} when
 * configurations moved to their own {@code config-metrics} records, all with defaults: services on the
 * schema before and after read each other's records. A record from before says {@code configCount}
 * -1, which tells a reader that its {@code configs} are whole. The "older" schema is today's without
 * the three fields.
 */
class ConfigCountEvolutionTest {

    private static final String SUBJECT = "chimera.model-metrics-value";
    private static final Set<String> ADDED = Set.of("configCount", "configsDigest", "configsAt");
    private static final Schema NEWER = ModelMetrics.getClassSchema();
    private static final Schema OLDER = AvroBinary.without(NEWER, ADDED);


    @Test
    void theSchemaWithConfigCountIsCompatibleBothWaysWithTheOneBefore() {
        assertThat(AvroBinary.registryAccepts(SUBJECT, OLDER, NEWER)).isTrue();
        assertThat(AvroBinary.registryAccepts(SUBJECT, NEWER, OLDER)).isTrue();
    }

    @Test
    void aRecordFromBeforeReadsAsCarryingItsConfigurationsItself() throws IOException {
        GenericRecord old = AvroBinary.defaults(OLDER);
        old.put("model", "gemma3:270m");
        GenericRecord config = AvroBinary.defaults(ConfigStats.getClassSchema());
        config.put("configKey", "num_ctx=2048");
        old.put("configs", List.of(config));

        ModelMetrics read = AvroBinary.readSpecific(AvroBinary.write(OLDER, old), OLDER, NEWER);

        assertThat(read.getConfigCount()).isEqualTo(-1);
        assertThat(read.getConfigsDigest()).isZero();
        assertThat(read.getConfigs()).extracting(ConfigStats::getConfigKey).containsExactly("num_ctx=2048");
    }

    @Test
    void aReaderFromBeforeReadsARecordThatHasThem() throws IOException {
        ModelMetrics newer = ModelMetrics.newBuilder().setModel("gemma3:270m").setRuns(20).setConfigCount(3)
                .setConfigsDigest(-42L).setConfigsAt(Instant.ofEpochMilli(1_700_000_000_000L)).build();

        GenericRecord read = AvroBinary.readGeneric(AvroBinary.write(NEWER, newer), NEWER, OLDER);

        assertThat(read.get("model")).hasToString("gemma3:270m");
        assertThat(read.get("runs")).isEqualTo(20L);
        assertThat(read.getSchema().getField("configCount")).isNull();
    }
}
