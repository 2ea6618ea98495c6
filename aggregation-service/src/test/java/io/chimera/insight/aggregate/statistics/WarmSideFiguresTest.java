package io.chimera.insight.aggregate.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.topology.TaskStores;
import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A configuration's warm figures of a metric whose every value is warm are taken from the configuration's own
 * figures of it, with the warm cells' moments ({@link ColdStartSplit#configSides}, {@link StatsAccumulator#withMoments}),
 * instead of a merge of the cells: across random sequences of runs (warm, cold, without a load, without a metric,
 * spread over files so that entries' moments summed by cell differ in their last bits from those summed whole),
 * with the threshold moving as they come, each configuration's warm side is, byte for byte, the one merged from
 * its cells, and every emission's bytes are those of a model rebuilt from the same entries (as after a restart or
 * a replaced file).
 */
class WarmSideFiguresTest {

    private static final String MODEL = "llama3.1:8b";
    private static final ColdStartRule RULE = ColdStartRule.defaults();
    private static final List<TestFile> FILES = List.of(TestFile.of("a.csv", "v1", Instant.EPOCH),
            TestFile.of("b.csv", "v1", Instant.EPOCH), TestFile.of("c.csv", "v1", Instant.EPOCH));

    /** How often a warm metric's figures were the whole's object, the whole's with other moments, or fewer values. */
    private int sameObject;
    private int otherMoments;
    private int fewerValues;

    @Test
    void warmFiguresFromTheWholeAreThoseMergedFromTheCells() {
        Random random = new Random(2026_12_06L);
        for (int model = 0; model < 60; model++) {
            RunningModel running = RunningModel.empty();
            Map<TestFile, Map<String, ConfigAggregate>> entries = new LinkedHashMap<>();
            int runs = 4 + random.nextInt(80);
            for (int row = 0; row < runs; row++) {
                add(running, entries, random, row);
                if (random.nextInt(6) == 0) {
                    check(running, entries);
                }
            }
            check(running, entries);
        }
        // The sequences reached each case the shortcut decides between.
        assertThat(sameObject).isPositive();
        assertThat(otherMoments).isPositive();
        assertThat(fewerValues).isPositive();
    }

    private static void add(RunningModel running, Map<TestFile, Map<String, ConfigAggregate>> entries, Random random,
                            int row) {
        TestFile file = FILES.get(random.nextInt(FILES.size()));
        Map<String, String> config = Map.of("num_ctx", String.valueOf(1024 << random.nextInt(4)));
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("tokens_per_s", 20 + random.nextDouble() * 80);
        if (random.nextInt(5) > 0) {
            values.put("ttft_ms", 10 + random.nextDouble() * 300);
        }
        values.put("eval_count", (double) (100 + random.nextInt(900)));
        int load = random.nextInt(10);
        if (load < 7) {
            // Warm loads over a range of bins, which moves the threshold as they come.
            values.put("load_duration_ms", 20 + random.nextDouble() * (20 + 40 * random.nextInt(3)));
        } else if (load < 9) {
            values.put("load_duration_ms", 2_000 + random.nextDouble() * 2_000);
        }
        BenchmarkRun run = file.run(MODEL, row, config, values);
        String key = ConfigKeys.of(config);
        ConfigAggregate entry = entries.computeIfAbsent(file, f -> new TreeMap<>())
                .computeIfAbsent(key, k -> ConfigAggregate.entry(config));
        running.addToEntry(new EntryKey(file.fileId(), key), file.path(), run, entry);
    }

    private void check(RunningModel running, Map<TestFile, Map<String, ConfigAggregate>> entries) {
        ModelMetrics emitted = ModelMetricsAssembler.assemble(MODEL, running, RULE, 11, 13);
        List<FileAggregate> files = new ArrayList<>();
        entries.forEach((file, byConfig) -> files.add(new FileAggregate(file.fileId(),
                new FileVersion(file.sha256(), 0, file.path()), List.copyOf(byConfig.values()))));
        ModelMetrics afresh = ModelMetricsAssembler.assemble(MODEL, RunningModel.of(files), RULE, 11, 13);
        assertThat(TaskStores.bytes(emitted)).isEqualTo(TaskStores.bytes(afresh));

        ColdStartSplit split = ColdStartSplit.of(RULE, running.overall().loadSplit());
        if (!split.classified()) {
            return;
        }
        running.configs().forEach((key, config) -> {
            Map<MetricKey, MetricStats> whole = new HashMap<>();
            config.merged().metrics().forEach((metric, stats) ->
                    whole.put(metric, stats.toStats(config.moments().moments(metric))));
            Map<String, MetricStats> shortcut = split.configSides(config.merged().loadSplit(), config.moments(), whole).warm();
            Map<String, MetricStats> merged = split.configSides(config.merged().loadSplit(), config.moments(), Map.of()).warm();
            assertThat(shortcut.keySet()).containsExactlyElementsOf(merged.keySet());
            shortcut.forEach((name, stats) -> {
                assertThat(bytes(stats)).as(key + " " + name).isEqualTo(bytes(merged.get(name)));
                MetricStats all = whole.entrySet().stream().filter(e -> e.getKey().name().equals(name))
                        .findFirst().orElseThrow().getValue();
                if (stats == all) {
                    sameObject++;
                } else if (stats.getCount() == all.getCount()) {
                    otherMoments++;
                } else {
                    fewerValues++;
                }
            });
        });
    }

    private static byte[] bytes(MetricStats stats) {
        return AvroBytes.of(stats::toByteBuffer);
    }
}
