package io.chimera.insight.aggregate.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimera.insight.aggregate.statistics.ChangeSegmentStats;
import io.chimera.insight.aggregate.statistics.EmittedChange;
import io.chimera.insight.aggregate.statistics.SeriesId;
import io.chimera.insight.aggregate.topology.ChangeEvents;
import io.chimera.insight.events.ChangeDirection;
import io.chimera.insight.events.ChangeEventKind;
import io.chimera.insight.events.PerformanceChange;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /models/{model}/changes}: newest first, the event's fields, no NaN in the JSON. */
class ChangesJsonTest {

    private static PerformanceChange change(String metric, String firstRun, long firstRunAt, ChangeDirection direction) {
        EmittedChange kept = new EmittedChange(firstRun, "id-f.csv", "results/f.csv", firstRunAt, 3, direction, 0,
                new ChangeSegmentStats(10, 100, 99, 101), new ChangeSegmentStats(1, 80, Double.NaN, Double.NaN), -0.2,
                1e-8, "Welch t", 9_000);
        return ChangeEvents.of(ChangeEventKind.CHANGE, new SeriesId("gemma3:270m", "num_ctx=2048", metric),
                Map.of("num_ctx", "2048"), kept, 0);
    }

    @Test
    void listsTheModelsChangesNewestFirstWithTheirSides() {
        JsonNode json = ChangesJson.changes("gemma3:270m", List.of(
                change("tokens_per_s", "f#row 3", 1_000, ChangeDirection.REGRESSION),
                change("ttft_ms", "f#row 9", 5_000, ChangeDirection.IMPROVEMENT),
                change("tokens_per_s", "f#row 9", 5_000, ChangeDirection.REGRESSION)));

        assertThat(json.path("model").asText()).isEqualTo("gemma3:270m");
        assertThat(json.path("changes")).extracting(c -> c.path("metric").asText() + " " + c.path("firstRunId").asText())
                .containsExactly("tokens_per_s f#row 9", "ttft_ms f#row 9", "tokens_per_s f#row 3");
        JsonNode first = json.path("changes").get(0);
        assertThat(first.path("direction").asText()).isEqualTo("REGRESSION");
        assertThat(first.path("config").path("num_ctx").asText()).isEqualTo("2048");
        assertThat(first.path("before").path("ciLow").asDouble()).isEqualTo(99.0);
        assertThat(first.path("after").path("ciLow").isNull()).isTrue();
        assertThat(first.path("changePercent").asDouble()).isEqualTo(-20.0);
        assertThat(first.path("firstRunAt").asText()).isEqualTo("1970-01-01T00:00:05Z");
        assertThat(first.path("unit").asText()).isEqualTo("tokens/s");
    }

    @Test
    void aModelWithoutChangesHasAnEmptyList() {
        assertThat(ChangesJson.changes("llama3", List.of()).path("changes")).isEmpty();
    }
}
