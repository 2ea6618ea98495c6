package io.chimera.insight.aggregate.statistics;

import io.chimera.insight.aggregate.state.AggregateReader;
import io.chimera.insight.aggregate.state.AggregateStore;
import io.chimera.insight.aggregate.state.StateKeys;
import io.chimera.insight.aggregate.topology.TaskStores;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.Metric;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.events.RecordKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A model's running aggregate, updated run by run, emits exactly the bytes of one rebuilt from the
 * store's entries, the way a query, a restarted task or another instance builds it.
 */
class RunningModelTest {

    private static final String[] MODELS = {"gemma3:270m", "qwen2.5:7b"};
    /**
     * File ids and config values whose order as Java strings differs from their order as UTF-8
     * bytes (a supplementary character sorts below U+E000..U+FFFF in UTF-16, above in UTF-8).
     */
    private static final String[] FILE_IDS = {"0a1f", "0a1f9", "9c", "e\u00e9", "x\uE000", "x\uD83D\uDE00", "x\uFFFD", "b7"};
    private static final List<Map<String, String>> CONFIGS = List.of(
            Map.of("num_ctx", "2048"),
            Map.of("num_ctx", "4096", "temperature", "0.7"),
            Map.of(),
            Map.of("stop", "\uD83D\uDE00"),
            Map.of("stop", "\uE000"),
            // Two configurations with the same text form "a=1,b=2": they share an entry, and the
            // configuration shown is the one of the first file in key order.
            Map.of("a", "1,b=2"),
            ordered("a", "1", "b", "2"));

    @Test
    void aRunningAggregateEmitsTheBytesOfARebuildFromTheStore() {
        int comparisons = 0;
        int incrementalComparisons = 0;
        int arrivalOrderWouldDiffer = 0;
        for (int trial = 0; trial < 30; trial++) {
            Random random = new Random(7_000 + trial);
            TaskStores stores = new TaskStores();
            RunningAggregates running = new RunningAggregates(RunningAggregates.DEFAULT_BUDGET_BYTES);
            AggregateStore aggregates = new AggregateStore(stores.versions, stores.configs, running);
            AggregateReader reader = new AggregateReader(stores.versions, stores.configs);
            Map<String, RunningModel> seen = new HashMap<>();
            // Each model's runs folded in arrival order (Welford's update), as a running model's own accumulators
            // did before they kept no moments: dropped with the entries of a replaced file.
            Map<String, ConfigAggregate> arrivalOrder = new HashMap<>();
            int steps = 100 + random.nextInt(300);
            for (int step = 0; step < steps; step++) {
                String model = MODELS[random.nextInt(MODELS.length)];
                String fileId = FILE_IDS[random.nextInt(FILE_IDS.length)];
                int roll = random.nextInt(100);
                if (roll < 4) {
                    // A new version of the file: its entries for the model leave the store.
                    aggregates.startVersion(model, fileId, version(fileId, step));
                    seen.remove(model);
                    arrivalOrder.remove(model);
                } else if (roll < 12) {
                    for (String checked : MODELS) {
                        RunningModel model1 = aggregates.running(checked);
                        if (model1 == seen.get(checked)) {
                            incrementalComparisons++;
                        }
                        seen.put(checked, model1);
                        ModelMetrics incremental = ModelMetricsAssembler.assemble(checked, model1, ColdStartRule.defaults(), 11, 13);
                        ModelMetrics rebuilt = ModelMetricsAssembler.assemble(checked, reader.files(checked), ColdStartRule.defaults(), 11, 13);
                        assertThat(TaskStores.bytes(incremental)).as("trial %d step %d %s", trial, step, checked)
                                .isEqualTo(TaskStores.bytes(rebuilt));
                        comparisons++;
                        arrivalOrderWouldDiffer += differsFromArrivalOrder(arrivalOrder.get(checked), incremental) ? 1 : 0;
                        assertExactUnionOfTheEntries(reader.files(checked), incremental);
                        assertNoMomentsKept(model1);
                    }
                } else {
                    FileVersion held = aggregates.version(model, fileId);
                    if (held == null) {
                        held = version(fileId, step);
                        aggregates.holdFirstVersion(model, fileId, held);
                    }
                    BenchmarkRun run = run(random, model, fileId, held, step);
                    aggregates.add(model, held, run);
                    arrivalOrder.computeIfAbsent(model, m -> ConfigAggregate.empty(Map.of())).add(run);
                }
            }
        }
        assertThat(comparisons).isGreaterThan(500);
        // The running aggregates were really updated in place, not rebuilt for every comparison.
        assertThat(incrementalComparisons).isGreaterThan(comparisons / 2);
        // The data is sensitive to merge order: folding runs into the model in arrival order gives
        // other last bits in some means, so equal bytes above are not a coincidence.
        assertThat(arrivalOrderWouldDiffer).isGreaterThan(0);
    }

    @Test
    void entryKeysSortAsTheStoreSortsItsSerialisedKeys() {
        StringSerializer serializer = new StringSerializer();
        Random random = new Random(3);
        String[] configKeys = {"", "a=1", "a=1,b=2", "stop=\uE000", "stop=\uD83D\uDE00", "stop=\uFFFD", "z"};
        for (int i = 0; i < 2_000; i++) {
            String fileA = FILE_IDS[random.nextInt(FILE_IDS.length)];
            String fileB = FILE_IDS[random.nextInt(FILE_IDS.length)];
            String configA = configKeys[random.nextInt(configKeys.length)];
            String configB = configKeys[random.nextInt(configKeys.length)];
            byte[] keyA = serializer.serialize("t", StateKeys.config("m", fileA, configA));
            byte[] keyB = serializer.serialize("t", StateKeys.config("m", fileB, configB));
            int expected = Integer.signum(Arrays.compareUnsigned(keyA, keyB));
            assertThat(Integer.signum(new EntryKey(fileA, configA).compareTo(new EntryKey(fileB, configB))))
                    .as("%s/%s vs %s/%s", fileA, configA, fileB, configB)
                    .isEqualTo(expected);
        }
        // The case that needs bytes rather than String.compareTo.
        assertThat("x\uD83D\uDE00".compareTo("x\uE000")).isNegative();
        assertThat(new EntryKey("x\uD83D\uDE00", "").compareTo(new EntryKey("x\uE000", ""))).isPositive();
    }

    @Test
    void pastItsBudgetTheCacheDropsTheLeastRecentlyUsedModelWhichIsRebuiltWhenNeeded() {
        long oneModel = oneRun().weight();
        assertThat(oneModel).isPositive();
        RunningAggregates cache = new RunningAggregates(2 * oneModel + oneModel / 2);
        Map<String, Integer> builds = new HashMap<>();
        Function<String, RunningModel> build = model -> {
            builds.merge(model, 1, Integer::sum);
            return oneRun();
        };
        RunningModel a = cache.get("a", build);
        cache.get("b", build);
        assertThat(cache.get("a", build)).isSameAs(a);
        cache.get("c", build); // evicts b, the least recently used
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get("a", build)).isSameAs(a);
        cache.get("b", build);
        assertThat(builds).containsEntry("a", 1).containsEntry("b", 2).containsEntry("c", 1);

        cache.discard("a");
        assertThat(cache.get("a", build)).isNotSameAs(a);
        assertThat(builds).containsEntry("a", 2);
    }

    private static RunningModel oneRun() {
        TestFile file = TestFile.of("one.csv", "v1", Instant.EPOCH);
        BenchmarkRun run = file.run("m", 0, Map.of(), Map.of("tokens_per_s", 100.0));
        ConfigAggregate entry = ConfigAggregate.empty(Map.of());
        RunningModel model = RunningModel.empty();
        model.addToEntry(new EntryKey(file.fileId(), ""), file.path(), run, entry);
        return model;
    }

    /**
     * The overall mean and M2 are those of the store's entries' moments together, worked out exactly
     * and rounded once (an independent reference in BigDecimal): not a merge in some order.
     */
    private static void assertExactUnionOfTheEntries(List<FileAggregate> files, ModelMetrics emitted) {
        Map<MetricKey, List<ExactReference.Part>> parts = new TreeMap<>();
        for (FileAggregate file : files) {
            for (ConfigAggregate entry : file.configs()) {
                entry.metrics().forEach((key, stats) -> parts.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(new ExactReference.Part(stats.count(), stats.mean(), stats.m2())));
            }
        }
        Map<MetricKey, String> names = MetricNames.displayNames(parts.keySet());
        assertThat(emitted.getMetrics()).hasSameSizeAs(parts);
        parts.forEach((key, metricParts) -> {
            MetricStats out = emitted.getMetrics().get(names.get(key));
            double[] expected = ExactReference.meanAndM2(metricParts);
            assertThat(Double.doubleToLongBits(out.getMean())).as("mean of %s", key).isEqualTo(Double.doubleToLongBits(expected[0]));
            assertThat(Double.doubleToLongBits(out.getM2())).as("m2 of %s", key).isEqualTo(Double.doubleToLongBits(expected[1]));
        });
    }

    /**
     * The model's and its configurations' accumulators keep no mean and M2 of their own: the emitted ones are the
     * exact moments', so Welford's update per value would be work for nothing.
     */
    private static void assertNoMomentsKept(RunningModel model) {
        List<StatsAccumulator> all = new ArrayList<>(model.overall().metrics().values());
        all.addAll(model.overall().loadSplit().values());
        model.configs().values().forEach(config -> {
            all.addAll(config.merged().metrics().values());
            all.addAll(config.merged().loadSplit().values());
        });
        assertThat(all).noneMatch(StatsAccumulator::keepsMoments);
    }

    /**
     * Whether the mean of the model's runs in arrival order ({@code arrivalOrder}, null when none came since the
     * model lost a file's entries) differs from the emitted one, for a metric of the same count.
     */
    private static boolean differsFromArrivalOrder(ConfigAggregate arrivalOrder, ModelMetrics emitted) {
        if (arrivalOrder == null) {
            return false;
        }
        Map<MetricKey, String> names = MetricNames.displayNames(arrivalOrder.metrics().keySet());
        for (Map.Entry<MetricKey, StatsAccumulator> metric : arrivalOrder.metrics().entrySet()) {
            MetricStats stats = emitted.getMetrics().get(names.get(metric.getKey()));
            if (stats != null && stats.getCount() > 0 && stats.getCount() == metric.getValue().count()
                    && Double.doubleToLongBits(stats.getMean())
                    != Double.doubleToLongBits(metric.getValue().mean())) {
                return true;
            }
        }
        return false;
    }

    private static FileVersion version(String fileId, int step) {
        String sha = Integer.toHexString(Arrays.hashCode(fileId.getBytes(StandardCharsets.UTF_8)) * 31 + step);
        return new FileVersion(sha, 1_000L * step, "results/" + fileId + ".csv");
    }

    /** A run of random shape: failed, summary, wide-ranging, negative, zero or non-finite values, two units for one name. */
    private static BenchmarkRun run(Random random, String model, String fileId, FileVersion version, int step) {
        Map<String, Metric> metrics = new LinkedHashMap<>();
        metrics.put("tokens_per_s", metric(value(random, 150, 40), "tokens/s"));
        if (random.nextBoolean()) {
            metrics.put("ttft_ms", metric(value(random, 60, 25), "ms"));
        }
        if (random.nextInt(4) == 0) {
            metrics.put("latency", metric(value(random, 2, 1), random.nextBoolean() ? "s" : "ms"));
        }
        int kind = random.nextInt(40);
        return BenchmarkRun.newBuilder()
                .setRunId(fileId + "#" + step)
                .setFileId(fileId)
                .setFileSha256(version.sha256())
                .setPath(version.path())
                .setLocator("row " + step)
                .setModel(model)
                .setConfig(new LinkedHashMap<>(CONFIGS.get(random.nextInt(CONFIGS.size()))))
                .setMetrics(metrics)
                .setOk(kind != 0)
                .setKind(kind == 1 ? RecordKind.SUMMARY : RecordKind.RUN)
                .setIngestedAt(Instant.ofEpochMilli(version.ingestedAt() + random.nextInt(1_000)))
                .build();
    }

    private static double value(Random random, double center, double spread) {
        return switch (random.nextInt(60)) {
            case 0 -> Double.NaN;
            case 1 -> Double.POSITIVE_INFINITY;
            case 2 -> 0.0;
            case 3 -> -center * random.nextDouble();
            // Far apart: the sketch collapses its lowest bins (more than 2,048 bins between them).
            case 4 -> 1e-12 * (1 + random.nextDouble());
            case 5 -> 1e18 * (1 + random.nextDouble());
            default -> center + spread * random.nextGaussian();
        };
    }

    private static Metric metric(double value, String unit) {
        return Metric.newBuilder().setValue(value).setUnit(unit).setSourceName("x").build();
    }

    private static Map<String, String> ordered(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
