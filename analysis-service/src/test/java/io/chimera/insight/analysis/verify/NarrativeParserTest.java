package io.chimera.insight.analysis.verify;

import io.chimera.insight.events.Narrative;
import io.chimera.insight.events.Risk;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NarrativeParserTest {

    private static final String JSON = """
            {"summary": "Throughput is steady.",
             "findings": ["TTFT is low.", "No run failed."],
             "recommendations": ["Keep num_ctx.", "Warm the model.", "Check answers."],
             "risks": [{"risk": "Few runs.", "mitigation": "Run more."},
                       {"risk": "One GPU.", "mitigation": "Test another."}]}""";

    @Test
    void readsEveryField() {
        Narrative narrative = NarrativeParser.parse(JSON);

        assertThat(narrative.getSummary()).isEqualTo("Throughput is steady.");
        assertThat(narrative.getFindings()).containsExactly("TTFT is low.", "No run failed.");
        assertThat(narrative.getRecommendations()).containsExactly("Keep num_ctx.", "Warm the model.", "Check answers.");
        assertThat(narrative.getRisks()).containsExactly(new Risk("Few runs.", "Run more."), new Risk("One GPU.", "Test another."));
    }

    @Test
    void toleratesAMarkdownFenceAndProseAround() {
        String answer = "Here is the analysis:\n```json\n" + JSON + "\n```\nHope this helps.";

        assertThat(NarrativeParser.parse(answer)).isEqualTo(NarrativeParser.parse(JSON));
    }

    @Test
    void toleratesMissingListsAndRisksWrittenAsText() {
        Narrative narrative = NarrativeParser.parse("{\"summary\": \"Fine.\", \"risks\": [\"Few runs.\"]}");

        assertThat(narrative.getFindings()).isEmpty();
        assertThat(narrative.getRecommendations()).isEmpty();
        assertThat(narrative.getRisks()).containsExactly(new Risk("Few runs.", ""));
    }

    @Test
    void aNonJsonAnswerIsAClearError() {
        assertThatThrownBy(() -> NarrativeParser.parse("I cannot analyse this data, sorry."))
                .isInstanceOf(NarrativeParseException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not JSON")
                .hasMessageContaining("I cannot analyse this data");
    }

    @Test
    void brokenJsonIsAClearError() {
        assertThatThrownBy(() -> NarrativeParser.parse("{\"summary\": \"cut off"))
                .isInstanceOf(NarrativeParseException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> NarrativeParser.parse("{\"summary\": \"x\", \"findings\": [}"))
                .isInstanceOf(NarrativeParseException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void aMissingSummaryOrAMisshapenFieldIsRejected() {
        assertThatThrownBy(() -> NarrativeParser.parse("{\"findings\": [\"x\"]}"))
                .isInstanceOf(NarrativeParseException.class)
                .hasMessageContaining("no \"summary\"");
        assertThatThrownBy(() -> NarrativeParser.parse("{\"summary\": \"x\", \"findings\": \"one\"}"))
                .isInstanceOf(NarrativeParseException.class)
                .hasMessageContaining("\"findings\" is not a list");
    }

    @Test
    void anEmptyAnswerIsRejected() {
        assertThatThrownBy(() -> NarrativeParser.parse("  "))
                .isInstanceOf(NarrativeParseException.class)
                .hasMessageContaining("empty");
    }
}
