package io.chimera.insight.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.topics.ConfigMetricsKey;
import io.chimera.insight.schemas.serde.Encoded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/**
 * An emission compares with {@code config-metrics} only the configurations that changed since the
 * model's last emission, which a processor remembers in memory; the store of what was published stays
 * the truth. Here the memory is lost (an aborted transaction revives the processor on rolled-back
 * stores, a restart starts a new one): nothing the topic lacks is left out, and nothing it holds is
 * written again.
 */
class ConfigMetricsRestartTest {

    private static final String GEMMA = "gemma3:270m";
    private static final long T0 = Instant.parse("2025-03-01T10:00:00Z").toEpochMilli();
    private static final AggregationSettings SETTINGS = AggregationSettings.defaults();
    private static final int CONFIGS = 1_000;

    private final List<BenchmarkRun> sweep = sweep();
    private final BenchmarkRun oneMore = TestFile.of("more.csv", "v1", Instant.ofEpochMilli(T0 + 30_000))
            .run(GEMMA, 0, config(500), Map.of("tokens_per_s", 90.0));

    @Test
    void anEmissionWhoseTransactionAbortedIsWrittenWholeByTheRevivedProcessor() {
        TaskStores stores = new TaskStores();
        RunAggregationProcessor processor = started(stores);
        feed(stores, processor, sweep, 1_000);
        TaskStores.Snapshot commit = stores.snapshot();
        settle(stores, 1_000);
        assertThat(configRecords(stores)).hasSize(CONFIGS);

        // The emission's transaction aborts: its records are gone, the stores are as at the commit.
        processor.close();
        stores.rollBack(commit);
        stores.context.resetForwards();
        processor.init(stores.context);
        settle(stores, 1_000);

        assertThat(configRecords(stores)).as("every configuration, once").hasSize(CONFIGS)
                .extracting(Record::key).doesNotHaveDuplicates();
        assertThat(last(stores).getConfigCount()).isEqualTo(CONFIGS);

        stores.context.resetForwards();
        feed(stores, processor, List.of(oneMore), 2_000);
        settle(stores, 2_000);
        assertThat(configRecords(stores)).extracting(Record::key).containsExactly(ConfigMetricsKey.of(GEMMA, "num_ctx=500"));
    }

    @Test
    void aRestartedProcessorWritesOnlyWhatChangedAndTheSameDigest() {
        TaskStores stores = new TaskStores();
        RunAggregationProcessor first = started(stores);
        feed(stores, first, sweep, 1_000);
        settle(stores, 1_000);
        TaskStores.Snapshot state = stores.snapshot();
        stores.context.resetForwards();
        feed(stores, first, List.of(oneMore), 2_000);
        settle(stores, 2_000);
        List<Record<String, ConfigStats>> uninterrupted = configRecords(stores);
        ModelMetrics expected = last(stores);

        TaskStores restarted = new TaskStores();
        restarted.rollBack(state);
        RunAggregationProcessor second = started(restarted);
        feed(restarted, second, List.of(oneMore), 2_000);
        settle(restarted, 2_000);

        assertThat(uninterrupted).extracting(Record::key).containsExactly(ConfigMetricsKey.of(GEMMA, "num_ctx=500"));
        assertThat(configRecords(restarted)).extracting(Record::key, Record::value)
                .containsExactlyElementsOf(uninterrupted.stream().map(r -> org.assertj.core.groups.Tuple.tuple(r.key(), r.value())).toList());
        assertThat(last(restarted).getConfigsDigest()).isEqualTo(expected.getConfigsDigest());
        assertThat(last(restarted).getConfigCount()).isEqualTo(CONFIGS);
    }

    private static List<BenchmarkRun> sweep() {
        TestFile file = TestFile.of("sweep.csv", "v1", Instant.ofEpochMilli(T0));
        List<BenchmarkRun> runs = new ArrayList<>();
        for (int row = 0; row < CONFIGS; row++) {
            runs.add(file.run(GEMMA, row, config(row), Map.of("tokens_per_s", 100.0 + row % 7)));
        }
        return runs;
    }

    private static Map<String, String> config(int i) {
        return Map.of("num_ctx", String.valueOf(i));
    }

    private static RunAggregationProcessor started(TaskStores stores) {
        return stores.started(SETTINGS);
    }

    /** Processes {@code runs} at wall-clock {@code T0 + at}. */
    private static void feed(TaskStores stores, RunAggregationProcessor processor, List<BenchmarkRun> runs, long at) {
        stores.process(processor, runs, T0 + at);
    }

    /** Ticks once the debounce has passed since {@code T0 + lastFeed}: the model is due and emits. */
    private static void settle(TaskStores stores, long lastFeed) {
        stores.latestPunctuator(SETTINGS.punctuateInterval()).getPunctuator().punctuate(T0 + lastFeed + SETTINGS.debounce().plus(SETTINGS.punctuateInterval()).toMillis());
    }


    /** The config-metrics records forwarded so far, as their sink gets them: encoded already, or null for a tombstone. */
    @SuppressWarnings("unchecked")
    private static List<Record<String, ConfigStats>> configRecords(TaskStores stores) {
        List<Record<String, ConfigStats>> records = new ArrayList<>();
        for (CapturedForward<? extends String, ?> forward : stores.context.forwarded(AggregationTopology.CONFIG_METRICS_SINK)) {
            Record<String, Encoded<ConfigStats>> record = (Record<String, Encoded<ConfigStats>>) forward.record();
            records.add(record.withValue(record.value() == null ? null : record.value().record()));
        }
        return records;
    }

    private static ModelMetrics last(TaskStores stores) {
        List<ModelMetrics> metrics = stores.forwardedMetrics();
        assertThat(metrics).as("model-metrics forwarded").isNotEmpty();
        return metrics.get(metrics.size() - 1);
    }
}
