package io.chimera.insight.aggregate.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.topology.TaskStores;
import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The model record works out again only the figures that took a value since the last emission: a metric
 * or a side of the cold/warm split that no run fell on keeps the very objects the last emission made, and
 * the bytes stay those of a model built afresh from the same entries.
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
        // Warm runs at about 40 ms of load, one cold run at 3 s: a threshold between.
        for (int i = 0; i < 12; i++) {
            add(CONFIG_A, 100.0 + i, 30.0 + i, 40.0 + i % 3, 500.0 + i);
            add(CONFIG_B, 80.0 + i, 45.0 + i, 41.0 + i % 3, 700.0 + i);
        }
        add(CONFIG_A, 60.0, 900.0, 3_000.0, 480.0);
        ModelMetrics first = emit();
        assertThat(first.getColdStart().getColdRuns()).isEqualTo(1);

        // A warm run that brings tokens/s alone.
        addTokensOnly(CONFIG_A, 111.0, 40.0);
        ModelMetrics second = emit();

        // Eval count and TTFT took no value: the same figures; tokens/s was worked out again.
        assertThat(second.getMetrics().get("eval_count")).isSameAs(first.getMetrics().get("eval_count"));
        assertThat(second.getMetrics().get("ttft_ms")).isSameAs(first.getMetrics().get("ttft_ms"));
        assertThat(second.getMetrics().get("tokens_per_s")).isNotSameAs(first.getMetrics().get("tokens_per_s"));
        assertThat(second.getMetrics().get("tokens_per_s").getCount())
                .isEqualTo(first.getMetrics().get("tokens_per_s").getCount() + 1);
        assertThat(second.getColdStart().getWarm().get("ttft_ms")).isSameAs(first.getColdStart().getWarm().get("ttft_ms"));
        assertThat(second.getColdStart().getWarm().get("tokens_per_s"))
                .isNotSameAs(first.getColdStart().getWarm().get("tokens_per_s"));
        // No cold run since: the cold side as it was.
        second.getColdStart().getCold().forEach((name, stats) ->
                assertThat(stats).as(name).isSameAs(first.getColdStart().getCold().get(name)));

        // A cold run: the cold side worked out again, the warm side's TTFT kept.
        add(CONFIG_B, 50.0, 1_100.0, 2_900.0, 650.0);
        ModelMetrics third = emit();
        assertThat(third.getColdStart().getCold().get("ttft_ms")).isNotSameAs(second.getColdStart().getCold().get("ttft_ms"));
        assertThat(third.getColdStart().getWarm().get("ttft_ms")).isSameAs(second.getColdStart().getWarm().get("ttft_ms"));

        // Nothing new: every figure kept.
        ModelMetrics fourth = emit();
        fourth.getMetrics().forEach((name, stats) -> assertThat(stats).as(name).isSameAs(third.getMetrics().get(name)));
    }

    @Test
    void aSideWhoseCellsMovedIsWorkedOutAgainEvenWhenItCountsAsManyValues() {
        // Loads 100, 100, 600, 600, 800 ms: median 600, MAD 200, threshold about 1.6 s; all five warm.
        double[] loads = {100, 100, 600, 600, 800};
        for (int i = 0; i < loads.length; i++) {
            add(CONFIG_A, 100.0, 30.0 + i, loads[i], 500.0);
        }
        ModelMetrics first = emit();
        MetricStats warmBefore = first.getColdStart().getWarm().get("ttft_ms");
        assertThat(warmBefore.getCount()).isEqualTo(5);

        // Three more at 100 ms: median 100, MAD 0, threshold about 300 ms. The three loads of 600 and 800 ms
        // turn cold and three warm values came: the warm side counts five values again, other ones.
        for (int i = 0; i < 3; i++) {
            add(CONFIG_B, 100.0, 40.0 + i, 100.0, 500.0);
        }
        ModelMetrics second = emit();

        assertThat(second.getColdStart().getThresholdMs()).isLessThan(600.0);
        assertThat(second.getColdStart().getColdRuns()).isEqualTo(3);
        MetricStats warmAfter = second.getColdStart().getWarm().get("ttft_ms");
        assertThat(warmAfter.getCount()).isEqualTo(warmBefore.getCount());
        assertThat(warmAfter).isNotSameAs(warmBefore).isNotEqualTo(warmBefore);
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
