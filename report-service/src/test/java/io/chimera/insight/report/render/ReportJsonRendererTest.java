package io.chimera.insight.report.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimera.insight.events.AnalysisResult;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportJsonRendererTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The planted 2 × 2 of MarkdownReportRendererTest: F = 418.72022955523676, p = 3.4035186402435226e-08 (numpy). */
    @Test
    void interactionsAndConfoundedKeysAreFieldsOfTheFacts() throws Exception {
        JsonNode planted = JSON.readTree(new ReportJsonRenderer().render(ReportInput.of(AnalysisResult
                .newBuilder(ReportFixtures.pending()).setMetrics(ReportFixtures.twoByTwo(99.66666666666667,
                        1.5275252316519468)).build())));
        JsonNode pair = planted.get("interactions").get(0);
        assertThat(pair.get("keyA").asText()).isEqualTo("A");
        assertThat(pair.get("keyB").asText()).isEqualTo("B");
        assertThat(pair.get("metric").asText()).isEqualTo("tokens_per_s");
        assertThat(pair.get("test").asText()).isEqualTo("TWO_WAY_ANOVA");
        assertThat(pair.get("f").asDouble()).isCloseTo(418.72022955523676, within(1e-6));
        assertThat(pair.get("adjustedPValue").asDouble()).isCloseTo(3.4035186402435226e-08, withPercentage(1e-3));
        assertThat(pair.get("etaSquared").asDouble()).isCloseTo(0.6793640447868897, within(1e-9));
        assertThat(pair.get("largestDeviationPercent").asDouble()).isCloseTo(10.347162656313419, within(1e-7));
        assertThat(pair.get("flagged").asBoolean()).isTrue();
        assertThat(pair.get("notTestable").isNull()).isTrue();
        assertThat(planted.get("confounded")).isEmpty();

        JsonNode fixture = JSON.readTree(new ReportJsonRenderer().render(ReportFixtures.completeInput()));
        assertThat(fixture.get("interactions").get(0).get("notTestable").asText())
                .isEqualTo("confounded: each level of either key comes with one level of the other");
        JsonNode confounded = fixture.get("confounded").get(0);
        assertThat(confounded.get("keyA").asText() + "/" + confounded.get("keyB").asText()).isEqualTo("num_ctx/num_gpu");
        assertThat(confounded.get("oneToOne").asBoolean()).isTrue();
        assertThat(confounded.get("pairs").toString()).isEqualTo("[[\"1024\",\"999\"],[\"2048\",\"80\"]]");
    }

    /** The fixture's num_ctx and num_gpu go together: effects[] gives them one rank and names the other key. */
    @Test
    void confoundedKeysShareTheirRankInEffects() throws Exception {
        JsonNode fixture = JSON.readTree(new ReportJsonRenderer().render(ReportFixtures.completeInput()));
        for (JsonNode effect : fixture.get("effects")) {
            String other = effect.get("key").asText().equals("num_ctx") ? "num_gpu" : "num_ctx";
            assertThat(effect.get("rank").asInt()).as("rank of %s", effect.get("key")).isEqualTo(1);
            assertThat(effect.get("confoundedWith").toString()).isEqualTo("[\"" + other + "\"]");
        }
        assertThat(fixture.get("effects")).hasSize(4);
    }

    @Test
    void twoSectionsCannotWriteOneField() {
        ReportJsonRenderer renderer = new ReportJsonRenderer(List.of(new HeaderSection(), new HeaderSection()));

        assertThatThrownBy(() -> renderer.render(ReportFixtures.completeInput()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("HeaderSection writes the JSON field model another section already wrote");
    }
}
