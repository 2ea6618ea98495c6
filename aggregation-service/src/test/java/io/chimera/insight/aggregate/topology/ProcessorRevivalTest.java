package io.chimera.insight.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import io.chimera.insight.events.AnalysisRequest;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.ModelMetrics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The processor's running aggregates live beside its stores and must never outlive them. Under
 * exactly-once, an aborted transaction closes the task dirty, restores its stores from the
 * changelogs (the last commit) and calls {@code init} again on the same processor instance; the
 * runs since the commit are then processed a second time. Here the stores are rolled back by
 * hand, as that restore leaves them.
 */
class ProcessorRevivalTest {

    private static final String GEMMA = "gemma3:270m";
    private static final String QWEN = "qwen2.5:7b";
    private static final long T0 = Instant.parse("2025-03-01T10:00:00Z").toEpochMilli();
    private static final AggregationSettings SETTINGS = AggregationSettings.defaults();

    private final List<BenchmarkRun> committed = batch(0, 1, "v1");
    /**
     * New files, and a new version of sweep-3.csv with runs of gemma only, which replaces that
     * file's runs of gemma (and discards gemma's running aggregate; qwen's is only added to).
     */
    private final List<BenchmarkRun> aborted = concat(batch(20, 2, "v1"),
            batch(3, 4, "v2").stream().filter(ProcessorRevivalTest::gemmaInSweep3)
                    .toList());
    private final List<BenchmarkRun> after = batch(40, 3, "v1");

    @Test
    void aProcessorRevivedAfterAnAbortedTransactionEmitsWhatAnUninterruptedOneDoes() {
        TaskStores uninterruptedStores = new TaskStores();
        RunAggregationProcessor uninterrupted = started(uninterruptedStores);
        feed(uninterruptedStores, uninterrupted, committed, 1_000);
        feed(uninterruptedStores, uninterrupted, aborted, 2_000);
        feed(uninterruptedStores, uninterrupted, after, 3_000);
        settle(uninterruptedStores, 3_000);

        TaskStores stores = new TaskStores();
        RunAggregationProcessor revived = started(stores);
        feed(stores, revived, committed, 1_000);
        TaskStores.Snapshot commit = stores.snapshot();
        // The next runs reach the stores and the running aggregates (a tick reads them), then the
        // transaction aborts: Streams closes the processors, restores the stores, inits again.
        feed(stores, revived, aborted, 2_000);
        revived.close();
        stores.rollBack(commit);
        stores.context.resetForwards();
        revived.init(stores.context);
        feed(stores, revived, aborted, 2_000);
        feed(stores, revived, after, 3_000);
        settle(stores, 3_000);

        List<BenchmarkRun> replacedV1 = committed.stream()
                .filter(ProcessorRevivalTest::gemmaInSweep3).toList();
        assertThat(replacedV1).isNotEmpty();
        for (String model : List.of(GEMMA, QWEN)) {
            ModelMetrics expected = last(uninterruptedStores, model);
            assertThat(expected.getRuns()).isEqualTo(runsOf(model, committed, aborted, after) - runsOf(model, replacedV1));
            assertThat(TaskStores.bytes(withoutWriteTime(last(stores, model)))).as(model)
                    .isEqualTo(TaskStores.bytes(withoutWriteTime(expected)));
            assertThat(TaskStores.bytes(withoutWriteTime(lastRequest(stores, model).getMetrics()))).as(model)
                    .isEqualTo(TaskStores.bytes(withoutWriteTime(lastRequest(uninterruptedStores, model).getMetrics())));
        }
    }

    @Test
    void aNewProcessorOnTheStoresOfAnotherEmitsWhatTheOtherWould() {
        TaskStores stores = new TaskStores();
        RunAggregationProcessor first = started(stores);
        feed(stores, first, committed, 1_000);
        feed(stores, first, aborted, 2_000);
        TaskStores.Snapshot state = stores.snapshot();
        feed(stores, first, after, 3_000);
        settle(stores, 3_000);
        List<ByteBuffer> expected = List.of(TaskStores.bytes(last(stores, GEMMA)), TaskStores.bytes(last(stores, QWEN)));

        // A restart: another processor instance on the same state, which it has never seen run by run.
        TaskStores restarted = new TaskStores();
        restarted.rollBack(state);
        RunAggregationProcessor second = started(restarted);
        feed(restarted, second, after, 3_000);
        settle(restarted, 3_000);
        assertThat(List.of(TaskStores.bytes(last(restarted, GEMMA)), TaskStores.bytes(last(restarted, QWEN))))
                .isEqualTo(expected);
    }

    /**
     * {@code configsAt} says when the model's config records were last written, and a revived processor
     * emits at other ticks than an uninterrupted one (when each model's last emission was is kept in
     * memory only, see {@code AnalysisTrigger}): the figures, their digest included, must be equal, that
     * time need not.
     */
    private static ModelMetrics withoutWriteTime(ModelMetrics metrics) {
        return ModelMetrics.newBuilder(metrics).setConfigsAt(Instant.EPOCH).build();
    }

    /** The runs the second version of sweep-3.csv replaces: gemma's. */
    private static boolean gemmaInSweep3(BenchmarkRun run) {
        return run.getPath().equals("results/sweep-3.csv") && run.getModel().equals(GEMMA);
    }

    /** A processor initialised on {@code stores}, as Streams starts one for a task. */
    private static RunAggregationProcessor started(TaskStores stores) {
        return stores.started(SETTINGS);
    }

    /** Processes {@code runs} at wall-clock {@code T0 + at}, then ticks once. */
    private static void feed(TaskStores stores, RunAggregationProcessor processor, List<BenchmarkRun> runs, long at) {
        stores.feed(SETTINGS, processor, runs, T0 + at);
    }

    /** Ticks once the debounce has passed since {@code T0 + lastFeed}: every model is due, with its final figures. */
    private static void settle(TaskStores stores, long lastFeed) {
        stores.settle(SETTINGS, T0 + lastFeed);
    }


    private static ModelMetrics last(TaskStores stores, String model) {
        ModelMetrics last = null;
        for (ModelMetrics metrics : stores.forwardedMetrics()) {
            if (metrics.getModel().equals(model)) {
                last = metrics;
            }
        }
        assertThat(last).as("model-metrics of " + model).isNotNull();
        return last;
    }

    private static AnalysisRequest lastRequest(TaskStores stores, String model) {
        AnalysisRequest last = null;
        for (var forward : stores.context.forwarded(AggregationTopology.ANALYSIS_REQUESTS_SINK)) {
            AnalysisRequest request = (AnalysisRequest) forward.record().value();
            if (request.getModel().equals(model)) {
                last = request;
            }
        }
        assertThat(last).as("analysis request of " + model).isNotNull();
        return last;
    }

    /** Both models, 20 files from {@code firstFile} on, several configurations, 240 runs. */
    private static List<BenchmarkRun> batch(int firstFile, long seed, String version) {
        Random random = new Random(seed);
        List<BenchmarkRun> runs = new ArrayList<>();
        for (int f = firstFile; f < firstFile + 20; f++) {
            TestFile file = TestFile.of("sweep-" + f + ".csv", version,
                    Instant.ofEpochMilli(T0).plus(Duration.ofSeconds(f + (version.equals("v1") ? 0 : 100))));
            for (int row = 0; row < 12; row++) {
                Map<String, String> config = new LinkedHashMap<>();
                config.put("num_ctx", Integer.toString(1024 << random.nextInt(3)));
                config.put("temperature", random.nextBoolean() ? "0.2" : "0.7");
                String model = row % 3 == 0 ? QWEN : GEMMA;
                runs.add(file.run(model, row, config, Map.of(
                        "tokens_per_s", 120 + 30 * random.nextGaussian(),
                        "ttft_ms", 40 + 400 * random.nextDouble() * random.nextDouble())));
            }
        }
        return runs;
    }

    private static List<BenchmarkRun> concat(List<BenchmarkRun> first, List<BenchmarkRun> second) {
        List<BenchmarkRun> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    @SafeVarargs
    private static long runsOf(String model, List<BenchmarkRun>... batches) {
        long count = 0;
        for (List<BenchmarkRun> batch : batches) {
            count += batch.stream().filter(run -> run.getModel().equals(model)).count();
        }
        return count;
    }
}
