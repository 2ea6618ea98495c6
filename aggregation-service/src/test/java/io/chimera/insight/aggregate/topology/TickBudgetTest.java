package io.chimera.insight.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import io.chimera.insight.events.AnalysisRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tick budget: a punctuation that has emitted for one model and spent its budget leaves the
 * other due models to the next punctuation, which starts with them. A budget of zero makes the
 * turns visible: one model per tick.
 */
class TickBudgetTest {

    private static final Duration TICK = AggregationSettings.DEFAULT_PUNCTUATE_INTERVAL;
    private static final Duration DEBOUNCE = AggregationSettings.DEFAULT_DEBOUNCE;
    private static final List<String> MODELS = List.of("gemma3:270m", "llama3.1:8b", "qwen2.5:7b");

    @TempDir
    Path stateDir;

    @Test
    void aSpentBudgetLeavesTheOtherDueModelsToTheNextTicksInTurn() {
        try (AggregationRig rig = new AggregationRig(AggregationSettings.defaults().withTickBudget(Duration.ZERO), stateDir)) {
            publishOneRunEach(rig);
            rig.advance(DEBOUNCE);
            List<AnalysisRequest> first = rig.requests();
            assertThat(first).extracting(AnalysisRequest::getModel).containsExactly(MODELS.get(0));

            rig.advance(TICK);
            rig.advance(TICK);
            List<AnalysisRequest> all = rig.requests();
            assertThat(all).extracting(AnalysisRequest::getModel).containsExactlyElementsOf(MODELS);
            assertThat(all).allSatisfy(request -> assertThat(request.getMetrics().getRuns()).isEqualTo(1));

            rig.advance(TICK.multipliedBy(5));
            assertThat(rig.requests()).as("each model requested once").hasSize(MODELS.size());
        }
    }

    @Test
    void moreBusyModelsThanTicksPerDebounceAreAllRefreshedInTurn() {
        // Twelve models kept busy, each due for a model-metrics refresh once per debounce (10 ticks),
        // one emission per tick: more work than ticks. Taken in key order from the start every tick,
        // the first ten would take every turn and the last two would never be refreshed.
        List<String> models = java.util.stream.IntStream.range(0, 12).mapToObj(i -> String.format("model-%02d", i)).toList();
        try (AggregationRig rig = new AggregationRig(AggregationSettings.defaults().withTickBudget(Duration.ZERO), stateDir)) {
            Instant ingested = Instant.parse("2025-03-01T09:59:00Z");
            for (int tick = 0; tick < 60; tick++) {
                for (String model : models) {
                    rig.publish(TestFile.of(model + "-" + tick + ".csv", "v1", ingested)
                            .run(model, 0, Map.of("num_ctx", "2048"), Map.of("tokens_per_s", 100.0 + tick)));
                }
                rig.advance(TICK);
            }
            Map<String, Long> refreshes = rig.metricsRecords().stream()
                    .collect(java.util.stream.Collectors.groupingBy(record -> record.key(), java.util.stream.Collectors.counting()));
            assertThat(refreshes).as("model-metrics refreshes per model").containsOnlyKeys(models);
            assertThat(refreshes.values()).as("every model's turn comes every 12 ticks").allSatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(4));
        }
    }

    @Test
    void withTheDefaultBudgetOneTickServesEveryDueModel() {
        try (AggregationRig rig = new AggregationRig(AggregationSettings.defaults(), stateDir)) {
            publishOneRunEach(rig);
            rig.advance(DEBOUNCE);
            assertThat(rig.requests()).extracting(AnalysisRequest::getModel).containsExactlyElementsOf(MODELS);
        }
    }

    private static void publishOneRunEach(AggregationRig rig) {
        Instant ingested = Instant.parse("2025-03-01T09:59:00Z");
        for (String model : MODELS) {
            rig.publish(TestFile.of(model.replace(':', '-') + ".csv", "v1", ingested)
                    .run(model, 0, Map.of("num_ctx", "2048"), Map.of("tokens_per_s", 100.0)));
        }
    }
}
