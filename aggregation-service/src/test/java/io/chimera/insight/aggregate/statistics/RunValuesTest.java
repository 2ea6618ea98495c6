package io.chimera.insight.aggregate.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.state.AggregateReader;
import io.chimera.insight.aggregate.state.AggregateStore;
import io.chimera.insight.aggregate.state.ConfigAggregateCodec;
import io.chimera.insight.aggregate.topology.TaskStores;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.Metric;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.events.RecordKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A run read once ({@link RunValues}, its keys shared by {@link MetricKeys}) adds to an aggregate
 * exactly what the run read afresh by each aggregate added: the accumulators an aggregate keeps for
 * the keys of the run before are the right ones however the runs' metrics change.
 */
class RunValuesTest {

    private static final ConfigAggregateCodec CODEC = ConfigAggregateCodec.compact();
    private static final String[] FILE_IDS = {"0a", "1b", "2c", "3d", "4e"};
    private static final List<Map<String, String>> CONFIGS = List.of(Map.of("num_ctx", "2048"),
            Map.of("num_ctx", "4096"), Map.of());

    @Test
    void anEntryFedRunsReadOnceEqualsOneFedEachRunAfresh() {
        Random random = new Random(11);
        MetricKeys keys = new MetricKeys();
        ConfigAggregate once = ConfigAggregate.empty(Map.of());
        ConfigAggregate afresh = ConfigAggregate.empty(Map.of());
        int cells = 0;
        for (int i = 0; i < 2_000; i++) {
            BenchmarkRun run = run(random, "f", i);
            once.add(RunValues.of(run, keys));
            afresh.add(run);
            cells = Math.max(cells, afresh.loadSplit().size());
        }
        assertThat(CODEC.encode(once)).isEqualTo(CODEC.encode(afresh));
        // The runs took every path: two units for one name, load bins, split metrics in other units.
        assertThat(afresh.metrics().keySet()).contains(new MetricKey("latency", "s"), new MetricKey("latency", "ms"),
                new MetricKey("ttft_ms", "s"), LoadBins.LOAD);
        assertThat(afresh.failedRuns()).isPositive();
        assertThat(afresh.summaryRecords()).isPositive();
        assertThat(cells).isGreaterThan(3 * 5);
    }

    @Test
    void anAggregatesFootprintKeptRunByRunIsTheSumOfItsAccumulatorsAfterEveryRunAndMerge() {
        Random random = new Random(17);
        MetricKeys keys = new MetricKeys();
        ConfigAggregate sketched = ConfigAggregate.empty(Map.of());
        ConfigAggregate valuesFirst = ConfigAggregate.valuesFirst(Map.of()).withoutMoments();
        ConfigAggregate merged = ConfigAggregate.valuesFirst(Map.of()).withoutMoments();
        ConfigAggregate entry = ConfigAggregate.entry(Map.of());
        for (int i = 0; i < 3_000; i++) {
            RunValues values = RunValues.of(run(random, "f", i), keys);
            sketched.add(values);
            valuesFirst.add(values);
            entry.add(values);
            for (ConfigAggregate aggregate : List.of(sketched, valuesFirst, entry)) {
                assertThat(aggregate.footprintBytes()).as("after run %d", i).isEqualTo(aggregate.walkedFootprintBytes());
            }
            if (i % 7 == 6) {
                // An entry of a few runs merged in, as a model is rebuilt: new accumulators, and values into held ones.
                merged.merge(entry);
                assertThat(merged.footprintBytes()).as("after merge %d", i).isEqualTo(merged.walkedFootprintBytes());
                entry = ConfigAggregate.entry(Map.of());
            }
        }
        // The sums moved as sketches grew: past their first values, and across more bins.
        assertThat(sketched.footprintBytes()).isGreaterThan(valuesFirst.footprintBytes() / 2).isPositive();
        assertThat(merged.footprintBytes()).isEqualTo(merged.walkedFootprintBytes()).isPositive();
    }

    @Test
    void aModelFedRunsReadOnceEmitsTheBytesOfARebuildFromTheStore() {
        Random random = new Random(5);
        TaskStores stores = new TaskStores();
        AggregateStore aggregates = new AggregateStore(stores.versions, stores.configs,
                new RunningAggregates(RunningAggregates.DEFAULT_BUDGET_BYTES));
        AggregateReader reader = new AggregateReader(stores.versions, stores.configs);
        RunningModel first = null;
        for (int i = 0; i < 1_500; i++) {
            BenchmarkRun run = run(random, FILE_IDS[random.nextInt(FILE_IDS.length)], i);
            FileVersion held = aggregates.version("m", run.getFileId());
            if (held == null) {
                held = FileVersion.of(run);
                aggregates.holdFirstVersion("m", run.getFileId(), held);
            }
            aggregates.add("m", held, run);
            if (i % 100 == 99) {
                RunningModel running = aggregates.running("m");
                first = first == null ? running : first;
                ModelMetrics incremental = ModelMetricsAssembler.assemble("m", running, ColdStartRule.defaults(), 1, 2);
                ModelMetrics rebuilt = ModelMetricsAssembler.assemble("m", reader.files("m"), ColdStartRule.defaults(), 1, 2);
                assertThat(TaskStores.bytes(incremental)).as("after run %d", i).isEqualTo(TaskStores.bytes(rebuilt));
                // The weight the cache budgets with too: kept run by run, it is what a rebuild's walk makes of it.
                assertThat(running.weight()).as("after run %d", i).isEqualTo(RunningModel.of(reader.files("m")).weight());
            }
        }
        // Updated run by run all along, never rebuilt from the store.
        assertThat(aggregates.running("m")).isSameAs(first);
        assertThat(first.overall().loadSplit()).isNotEmpty();
    }

    @Test
    void aRunWhoseMetricsArePositionalGivesTheValuesOfTheSameRunWithAMap() {
        // The aggregation's reader hands RunValues its metrics as arrays (RunMetrics), others a map: the same run,
        // in the same order, must give the same keys, values and cells either way.
        Random random = new Random(29);
        MetricKeys fromMaps = new MetricKeys();
        MetricKeys fromArrays = new MetricKeys();
        int withCells = 0;
        for (int i = 0; i < 3_000; i++) {
            BenchmarkRun run = run(random, "f", i);
            int n = run.getMetrics().size();
            String[] names = new String[n];
            String[] units = new String[n];
            String[] sources = new String[n];
            double[] values = new double[n];
            int m = 0;
            for (Map.Entry<String, Metric> entry : run.getMetrics().entrySet()) {
                names[m] = entry.getKey();
                units[m] = entry.getValue().getUnit();
                sources[m] = entry.getValue().getSourceName();
                values[m++] = entry.getValue().getValue();
            }
            BenchmarkRun positional = BenchmarkRun.newBuilder(run).build();
            positional.setMetrics(new RunMetrics(names, units, sources, values));
            RunValues expected = RunValues.of(run, fromMaps);
            RunValues actual = RunValues.of(positional, fromArrays);
            assertThat(actual.metrics).as("run %d", i).containsExactly(expected.metrics);
            assertThat(actual.metricValues).as("run %d", i).containsExactly(expected.metricValues);
            assertThat(actual.cells).as("run %d", i).containsExactly(expected.cells);
            assertThat(actual.cellValues).as("run %d", i).containsExactly(expected.cellValues);
            assertThat(actual.ok).isEqualTo(expected.ok);
            assertThat(actual.summary).isEqualTo(expected.summary);
            withCells += actual.cells.length > 0 ? 1 : 0;
        }
        assertThat(withCells).isGreaterThan(1_000);
    }

    @Test
    void aMetricIsOneSharedKeyPerUnitAndTheSplitsKeysAreLoadBins() {
        MetricKeys keys = new MetricKeys();

        assertThat(keys.of(new String("load_duration_ms"), "ms")).isSameAs(LoadBins.LOAD);
        assertThat(keys.of("eval_count", "tokens")).isSameAs(keys.of(new String("eval_count"), "tokens"));
        assertThat(keys.of("latency", "s")).isSameAs(keys.of("latency", "s"))
                .isNotEqualTo(keys.of("latency", "ms"));
        assertThat(keys.of("latency", "ms")).isSameAs(keys.of("latency", "ms"));
        assertThat(keys.cells(12)).isSameAs(keys.cells(12))
                .containsExactly(new LoadBinMetric(12, LoadBins.SPLIT.get(0)), new LoadBinMetric(12, LoadBins.SPLIT.get(1)),
                        new LoadBinMetric(12, LoadBins.SPLIT.get(2)));
    }

    @Test
    void theKeyFoundLastAtARunsPlaceIsTakenOnlyForTheSameNameAndUnit() {
        MetricKeys keys = new MetricKeys();
        MetricKey evalCount = keys.of(0, new String("eval_count"), "tokens");
        MetricKey latency = keys.of(1, "latency", "s");

        assertThat(keys.of(0, new String("eval_count"), "tokens")).isSameAs(evalCount);
        assertThat(keys.of(0, "latency", "s")).isSameAs(latency); // another name at that place
        assertThat(keys.of(0, "latency", "ms")).isEqualTo(new MetricKey("latency", "ms")); // another unit
        assertThat(keys.of(1, "latency", "ms")).isSameAs(keys.of("latency", "ms"));
        assertThat(keys.of(0, "eval_count", "tokens")).isSameAs(evalCount);
        assertThat(keys.of(100, "eval_count", "tokens")).isSameAs(evalCount); // past the places kept
        assertThat(keys.of(1, "load_duration_ms", "ms")).isSameAs(LoadBins.LOAD);
    }

    @Test
    void runsWithTheSameKeysInTheSameOrderShareOneArrayAndOthersGetTheirOwn() {
        MetricKeys keys = new MetricKeys();
        OneFile file = new OneFile();
        Map<String, Double> two = new LinkedHashMap<>();
        two.put("a", 1.0);
        two.put("b", 2.0);
        Map<String, Double> swapped = new LinkedHashMap<>();
        swapped.put("b", 3.0);
        swapped.put("a", 4.0);

        RunValues first = RunValues.of(file.run(two), keys);
        RunValues again = RunValues.of(file.run(two), keys);
        RunValues other = RunValues.of(file.run(swapped), keys);
        RunValues fewer = RunValues.of(file.run(Map.of("a", 5.0)), keys);
        RunValues afterOther = RunValues.of(file.run(two), keys);

        assertThat(again.metrics).isSameAs(first.metrics);
        assertThat(again.metricValues).containsExactly(1.0, 2.0);
        // Another order: its own array, and the one the runs before share is left as it was.
        assertThat(other.metrics).isNotSameAs(first.metrics)
                .containsExactly(keys.of("b", "ms"), keys.of("a", "ms"));
        assertThat(first.metrics).containsExactly(keys.of("a", "ms"), keys.of("b", "ms"));
        assertThat(fewer.metrics).containsExactly(keys.of("a", "ms"));
        assertThat(afterOther.metrics).isNotSameAs(other.metrics).containsExactly(first.metrics);
    }

    @Test
    void theCellsOfEveryLoadBinFindTheirOwnAccumulatorsAndMoments() {
        // More bins than CellSlots keeps places for, visited in random order, and a run's subset of a bin's
        // cells (a run without one of the split metrics): each must get the accumulators of its own cells.
        MetricKeys keys = new MetricKeys();
        ConfigAggregate aggregate = ConfigAggregate.empty(Map.of());
        MomentTotals totals = new MomentTotals();
        Random random = new Random(3);
        for (int i = 0; i < 5_000; i++) {
            int bin = random.nextInt(10) == 0 ? LoadBins.ZERO_BIN : random.nextInt(3 * CellSlots.MAX_BINS) - 40;
            LoadBinMetric[] cells = keys.cells(bin);
            if (random.nextInt(7) == 0) {
                cells = new LoadBinMetric[] {cells[random.nextInt(cells.length)]};
            }
            StatsAccumulator[] stats = aggregate.cellSlots(cells);
            ExactMoments[] moments = totals.cellSlots(cells);
            for (int c = 0; c < cells.length; c++) {
                assertThat(stats[c]).isSameAs(aggregate.loadSplit().get(cells[c]));
                assertThat(moments[c]).isSameAs(totals.get(cells[c]));
            }
            stats[0].add(i);
        }
        long counted = aggregate.loadSplit().values().stream().mapToLong(StatsAccumulator::count).sum();
        assertThat(counted).isEqualTo(5_000);
    }

    @Test
    void pastItsBoundAKeyIsMadeAfreshAndStillFindsItsAccumulator() {
        MetricKeys keys = new MetricKeys();
        for (int i = 0; keys.of("m" + i, "ms") == keys.of("m" + i, "ms"); i++) {
            assertThat(i).isLessThan(MetricKeys.MAX_KEYS);
        }
        MetricKey fresh = keys.of("late", "ms");
        assertThat(fresh).isNotSameAs(keys.of("late", "ms")).isEqualTo(new MetricKey("late", "ms"));

        ConfigAggregate aggregate = ConfigAggregate.empty(Map.of());
        OneFile file = new OneFile();
        aggregate.add(RunValues.of(file.run(Map.of("late", 1.0)), keys));
        aggregate.add(RunValues.of(file.run(Map.of("late", 3.0)), keys));
        assertThat(aggregate.metrics()).containsOnlyKeys(new MetricKey("late", "ms"));
        assertThat(aggregate.metrics().get(new MetricKey("late", "ms")).count()).isEqualTo(2);
    }

    /** Runs of one file with metrics in ms. */
    private static final class OneFile {
        private int row;

        BenchmarkRun run(Map<String, Double> values) {
            Map<String, Metric> metrics = new LinkedHashMap<>();
            values.forEach((name, value) -> metrics.put(name, metric(value, "ms")));
            return builder("f", row++, Map.of()).setMetrics(metrics).build();
        }
    }

    /**
     * A run of random shape: the product's metrics in changing subsets and orders, load durations
     * from 0 to seconds (and NaN), now and then in seconds, a split metric in another unit, a
     * metric with two units, failed runs and summary records.
     */
    private static BenchmarkRun run(Random random, String fileId, int row) {
        List<String> names = new ArrayList<>(List.of("tokens_per_s", "ttft_ms", "load_duration_ms", "eval_count"));
        Collections.shuffle(names, random);
        Map<String, Metric> metrics = new LinkedHashMap<>();
        for (String name : names.subList(0, random.nextInt(5) == 0 ? 1 + random.nextInt(3) : 4)) {
            switch (name) {
                case "tokens_per_s" -> metrics.put(name, metric(100 + 10 * random.nextGaussian(), "tokens/s"));
                case "ttft_ms" -> metrics.put(name, random.nextInt(20) == 0 ? metric(0.05, "s")
                        : metric(40 + 20 * random.nextDouble(), "ms"));
                case "load_duration_ms" -> metrics.put(name, switch (random.nextInt(12)) {
                    case 0 -> metric(0.0, "ms");
                    case 1 -> metric(Double.NaN, "ms");
                    case 2 -> metric(1.2, "s");
                    case 3 -> metric(800 + 2_000 * random.nextDouble(), "ms");
                    default -> metric(50 + 50 * random.nextDouble(), "ms");
                });
                default -> metrics.put(name, metric(40 + random.nextInt(900), "tokens"));
            }
        }
        if (random.nextInt(6) == 0) {
            metrics.put("latency", metric(2 * random.nextDouble(), random.nextBoolean() ? "s" : "ms"));
        }
        int kind = random.nextInt(30);
        return builder(fileId, row, CONFIGS.get(random.nextInt(CONFIGS.size())))
                .setMetrics(metrics)
                .setOk(kind != 0)
                .setKind(kind == 1 ? RecordKind.SUMMARY : RecordKind.RUN)
                .build();
    }

    private static BenchmarkRun.Builder builder(String fileId, int row, Map<String, String> config) {
        return BenchmarkRun.newBuilder()
                .setRunId(fileId + "#" + row)
                .setFileId(fileId)
                .setFileSha256("sha-" + fileId)
                .setPath("results/" + fileId + ".csv")
                .setLocator("row " + row)
                .setModel("m")
                .setConfig(new LinkedHashMap<>(config))
                .setIngestedAt(Instant.ofEpochMilli(1_000L + row));
    }

    private static Metric metric(double value, String unit) {
        return Metric.newBuilder().setValue(value).setUnit(unit).setSourceName("x").build();
    }
}
