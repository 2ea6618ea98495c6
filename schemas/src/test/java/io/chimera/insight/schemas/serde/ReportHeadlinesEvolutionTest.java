package io.chimera.insight.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.events.ReportGenerated;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/**
 * The sweep-insight headlines were added to {@code ReportGenerated} ({@code coldRuns}, {@code warmTtftMsP50},
 * {@code topEffect}, {@code headlineRecommendation}) as nullable fields with a null default: consumers of the
 * {@code reports} topic on the schema before them and after them read each other's events. The "older"
 * schema is today's without those fields.
 */
class ReportHeadlinesEvolutionTest {

    private static final String SUBJECT = "chimera.reports-value";
    private static final Set<String> ADDED = Set.of("coldRuns", "warmTtftMsP50", "topEffect", "headlineRecommendation");
    private static final Schema NEWER = ReportGenerated.getClassSchema();
    private static final Schema OLDER = AvroBinary.without(NEWER, ADDED);


    @Test
    void everyAddedHeadlineIsNullableWithANullDefault() {
        for (String name : ADDED) {
            Schema.Field field = NEWER.getField(name);
            assertThat(field).as(name).isNotNull();
            assertThat(field.schema().getTypes().get(0).getType()).as(name).isEqualTo(Schema.Type.NULL);
            assertThat(field.defaultVal()).as(name).isEqualTo(JsonProperties.NULL_VALUE);
        }
    }

    @Test
    void theSchemaWithTheHeadlinesIsRegisteredAsCompatibleWithTheOneBefore() {
        assertThat(AvroBinary.registryAccepts(SUBJECT, OLDER, NEWER)).isTrue();
    }

    @Test
    void anEventWrittenBeforeTheHeadlinesReadsWithNone() throws IOException {
        GenericRecord old = AvroBinary.defaults(OLDER);
        old.put("model", "gemma3:270m");
        old.put("bestConfig", "num_ctx=2048");
        byte[] bytes = AvroBinary.write(OLDER, old);

        ReportGenerated read = AvroBinary.readSpecific(bytes, OLDER, NEWER);

        assertThat(read.getModel()).isEqualTo("gemma3:270m");
        assertThat(read.getBestConfig()).isEqualTo("num_ctx=2048");
        assertThat(read.getHeadlineRecommendation()).isNull();
        assertThat(read.getTopEffect()).isNull();
        assertThat(read.getColdRuns()).isNull();
    }

    @Test
    void aReaderBeforeTheHeadlinesReadsAnEventThatHasThem() throws IOException {
        ReportGenerated newer = ReportGenerated.newBuilder().setModel("gemma3:270m").setRuns(41).setColdRuns(11L)
                .setHeadlineRecommendation("Keep the model warm: 11 of 34 successful runs paid a model load.").build();
        byte[] bytes = AvroBinary.write(NEWER, newer);

        GenericRecord read = AvroBinary.readGeneric(bytes, NEWER, OLDER);

        assertThat(read.get("model")).hasToString("gemma3:270m");
        assertThat(read.get("runs")).isEqualTo(41L);
        assertThat(read.getSchema().getField("headlineRecommendation")).isNull();
    }
}
