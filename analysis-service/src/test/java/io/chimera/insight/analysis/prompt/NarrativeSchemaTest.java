package io.chimera.insight.analysis.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimera.insight.events.Narrative;
import io.chimera.insight.events.Risk;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NarrativeSchemaTest {

    @Test
    void requiresExactlyThreeRecommendationsAndAtLeastTwoRisks() {
        JsonNode schema = NarrativeSchema.schema();

        JsonNode recommendations = schema.path("properties").path("recommendations");
        assertThat(recommendations.path("minItems").asInt()).isEqualTo(3);
        assertThat(recommendations.path("maxItems").asInt()).isEqualTo(3);
        JsonNode risks = schema.path("properties").path("risks");
        assertThat(risks.path("minItems").asInt()).isEqualTo(2);
        assertThat(names(risks.path("items").path("required"))).containsExactly("risk", "mitigation");
        assertThat(names(schema.path("required"))).containsExactly("summary", "findings", "recommendations", "risks");
    }

    @Test
    void mirrorsTheAvroNarrativeRecord() {
        JsonNode schema = NarrativeSchema.schema();

        assertThat(fieldNames(schema.path("properties"))).containsExactlyElementsOf(avroFields(Narrative.getClassSchema()));
        assertThat(fieldNames(schema.path("properties").path("risks").path("items").path("properties")))
                .containsExactlyElementsOf(avroFields(Risk.getClassSchema()));
    }

    @Test
    void handsOutCopiesSoCallersCannotCorruptIt() {
        ((com.fasterxml.jackson.databind.node.ObjectNode) NarrativeSchema.schema()).remove("properties");

        assertThat(NarrativeSchema.schema().has("properties")).isTrue();
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(node -> names.add(node.asText()));
        return names;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> avroFields(Schema schema) {
        return schema.getFields().stream().map(Schema.Field::name).toList();
    }
}
