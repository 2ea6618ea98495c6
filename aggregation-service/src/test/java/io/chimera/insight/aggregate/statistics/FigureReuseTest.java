package io.chimera.insight.aggregate.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.topology.TaskStores;
import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * An emission works out again only the figures of what took a value since the last one: a metric of a
 * changed configuration that its new runs did not bring, and a side of the cold/warm split none of them
 * fell on, keep the very objects the last emission made, and the bytes stay those of a model built afresh
 * from the same entries.
 */
class FigureReuseTest {

    private static final String MODEL = "llama3.1:8b";
    private static final Map<String, String> CONFIG_A = Map.of("num_ctx", "2048");
    private static final Map<String, String> CONFIG_B = Map.of("num_ctx", "4096");

    private final TestFile file = TestFile.of("runs.csv", "v1", Instant.EPOCH);
    private final RunningModel running = RunningModel.empty();
    private final Map<String, ConfigAggregate> byConfig = new TreeMap<>();
    private int runs;

    @Test
    void figuresOfWhatTookNoValueAreKeptAndTheRestWorkedOutAgain() {
        // Warm runs at about 40 ms of load in both configurations, one cold run at 3 s: a threshold between.
        for (int i = 0; i < 12; i++) {
            add(CONFIG_A, 100.0 + i, 30.0 + i, 40.0 + i % 3, 500.0 + i);
            add(CONFIG_B, 80.0 + i, 45.0 + i, 41.0 + i % 3, 700.0 + i);
        }
        add(CONFIG_A, 60.0, 900.0, 3_000.0, 480.0);
        ModelMetrics first = emit();
        ConfigStats firstA = snapshot(first, CONFIG_A);
        ConfigStats firstB = snapshot(first, CONFIG_B);
        assertThat(first.getColdStart().getColdRuns()).isEqualTo(1);

        // A's next run brings tokens/s alone, warm; B's next run is cold.
        addTokensOnly(CONFIG_A, 111.0, 40.0);
        add(CONFIG_B, 50.0, 1_100.0, 2_900.0, 650.0);
        ModelMetrics second = emit();
        ConfigStats secondA = snapshot(second, CONFIG_A);
        ConfigStats secondB = snapshot(second, CONFIG_B);

        // A: its eval count and TTFT took no value: the same figures; tokens/s was worked out again.
        assertThat(secondA.getMetrics().get("eval_count")).isSameAs(firstA.getMetrics().get("eval_count"));
        assertThat(secondA.getMetrics().get("ttft_ms")).isSameAs(firstA.getMetrics().get("ttft_ms"));
        assertThat(secondA.getMetrics().get("tokens_per_s")).isNotSameAs(firstA.getMetrics().get("tokens_per_s"));
        assertThat(secondA.getMetrics().get("tokens_per_s").getCount())
                .isEqualTo(firstA.getMetrics().get("tokens_per_s").getCount() + 1);
        assertThat(secondA.getWarmMetrics().get("ttft_ms")).isSameAs(firstA.getWarmMetrics().get("ttft_ms"));
        assertThat(secondA.getWarmMetrics().get("tokens_per_s"))
                .isNotSameAs(firstA.getWarmMetrics().get("tokens_per_s"));
        // B's cold run left its warm side as it was.
        assertThat(secondB.getWarmMetrics()).isNotEmpty();
        secondB.getWarmMetrics().forEach((name, stats) ->
                assertThat(stats).as(name).isSameAs(firstB.getWarmMetrics().get(name)));
        assertThat(secondB.getMetrics().get("ttft_ms")).isNotSameAs(firstB.getMetrics().get("ttft_ms"));
        // The model: its warm side took A's tokens/s only, its cold side B's cold run.
        assertThat(second.getColdStart().getWarm().get("ttft_ms"))
                .isSameAs(first.getColdStart().getWarm().get("ttft_ms"));
        assertThat(second.getColdStart().getWarm().get("tokens_per_s"))
                .isNotSameAs(first.getColdStart().getWarm().get("tokens_per_s"));
        assertThat(second.getColdStart().getCold().get("ttft_ms"))
                .isNotSameAs(first.getColdStart().getCold().get("ttft_ms"));
        assertThat(second.getMetrics().get("eval_count")).isNotSameAs(first.getMetrics().get("eval_count"));

        // Nothing new: every figure kept.
        ModelMetrics third = emit();
        assertThat(third.getMetrics().values()).allSatisfy(stats ->
                assertThat(second.getMetrics().containsValue(stats)).isTrue());
        assertThat(third.getColdStart().getCold().get("load_duration_ms"))
                .isSameAs(second.getColdStart().getCold().get("load_duration_ms"));
    }

    @Test
    void aSideWhoseCellsMovedIsWorkedOutAgainEvenWhenItCountsAsManyValues() {
        // A's loads spread from 100 to 600 ms: median 300, MAD 100, threshold 800; all five runs warm.
        for (double load : new double[] {100, 200, 300, 400, 600}) {
            add(CONFIG_A, 100.0, 30.0 + load / 100, load, 500.0);
        }
        ModelMetrics first = emit();
        MetricStats warmBefore = snapshot(first, CONFIG_A).getWarmMetrics().get("ttft_ms");
        assertThat(warmBefore.getCount()).isEqualTo(5);

        // Thirty warm loads of 40 ms in B bring the threshold down to about 240 ms: A's three loads of
        // 300 ms and more turn cold, and three more A runs at 100 ms keep its warm side at five values.
        for (int i = 0; i < 30; i++) {
            add(CONFIG_B, 80.0, 45.0, 40.0, 700.0);
        }
        for (int i = 0; i < 3; i++) {
            add(CONFIG_A, 100.0, 29.0 + i, 100.0, 500.0);
        }
        ModelMetrics second = emit();

        assertThat(second.getColdStart().getThresholdMs()).isLessThan(300.0);
        MetricStats warmAfter = snapshot(second, CONFIG_A).getWarmMetrics().get("ttft_ms");
        assertThat(warmAfter.getCount()).isEqualTo(warmBefore.getCount());
        assertThat(warmAfter).isNotSameAs(warmBefore).isNotEqualTo(warmBefore);
        assertThat(snapshot(second, CONFIG_A).getColdRuns()).isEqualTo(3);
    }

    /** Assembled from the running model, checked against a model built afresh from the same entries. */
    private ModelMetrics emit() {
        ModelMetrics emitted = ModelMetricsAssembler.assemble(MODEL, running, ColdStartRule.defaults(), 11, 13);
        RunningModel rebuilt = RunningModel.of(List.of(new FileAggregate(file.fileId(),
                new FileVersion("v1", 0, file.path()), List.copyOf(byConfig.values()))));
        ModelMetrics afresh = ModelMetricsAssembler.assemble(MODEL, rebuilt, ColdStartRule.defaults(), 11, 13);
        assertThat(TaskStores.bytes(emitted)).isEqualTo(TaskStores.bytes(afresh));
        return emitted;
    }

    private static ConfigStats snapshot(ModelMetrics metrics, Map<String, String> config) {
        String key = ConfigKeys.of(config);
        return metrics.getConfigs().stream().filter(c -> c.getConfigKey().equals(key)).findFirst().orElseThrow();
    }

    private void add(Map<String, String> config, double tokensPerS, double ttftMs, double loadMs, double evalCount) {
        add(config, Map.of("tokens_per_s", tokensPerS, "ttft_ms", ttftMs, "load_duration_ms", loadMs,
                "eval_count", evalCount));
    }

    private void addTokensOnly(Map<String, String> config, double tokensPerS, double loadMs) {
        add(config, Map.of("tokens_per_s", tokensPerS, "load_duration_ms", loadMs));
    }

    private void add(Map<String, String> config, Map<String, Double> values) {
        BenchmarkRun run = file.run(MODEL, runs++, config, values);
        String key = ConfigKeys.of(config);
        ConfigAggregate entry = byConfig.computeIfAbsent(key, k -> ConfigAggregate.entry(config));
        running.addToEntry(new EntryKey(file.fileId(), key), file.path(), run, entry);
    }
}
