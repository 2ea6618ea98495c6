package io.chimera.insight.aggregate.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.state.AggregateReader;
import io.chimera.insight.aggregate.state.AggregateStore;
import io.chimera.insight.aggregate.topology.TaskStores;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.Metric;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.events.RecordKind;
import io.chimera.insight.platform.topics.ConfigFingerprint;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An emission from a running model that snapshots, publishes and weighs only what changed since the
 * last one gives the bytes of an emission without any of that memory: a model rebuilt from the
 * store's entries at every emission, assembled whole. Runs report load durations, so the model's
 * cold-start threshold moves as they arrive, and configurations with no new run must sometimes be
 * published again (their cold runs changed) and sometimes not.
 */
class EmissionCacheTest {

    private static final String MODEL = "llama3.1:8b";
    private static final String[] FILE_IDS = {"0a", "3f", "7c", "b2", "e9"};
    private static final int CONFIGS = 40;

    @Test
    void anEmissionOfWhatChangedGivesTheBytesOfAModelRebuiltAndAssembledWhole() {
        ConfigFingerprint fingerprints = new ConfigFingerprint();
        int emissions = 0;
        int thresholdMoves = 0;
        int keptAcrossAMove = 0;
        int republishedWithoutARun = 0;
        for (int trial = 0; trial < 12; trial++) {
            Random random = new Random(41 + trial);
            TaskStores stores = new TaskStores();
            AggregateStore aggregates = new AggregateStore(stores.versions, stores.configs,
                    new RunningAggregates(RunningAggregates.DEFAULT_BUDGET_BYTES));
            AggregateReader reader = new AggregateReader(stores.versions, stores.configs);
            // What config-metrics holds of the model, as the emissions wrote it: config key to record bytes.
            Map<String, byte[]> topic = new HashMap<>();
            Set<String> runSince = new HashSet<>();
            double lastThreshold = Double.NaN;
            int steps = 300 + random.nextInt(500);
            for (int step = 0; step < steps; step++) {
                if (random.nextInt(25) > 0) {
                    String fileId = FILE_IDS[random.nextInt(FILE_IDS.length)];
                    FileVersion held = aggregates.version(MODEL, fileId);
                    if (held == null) {
                        held = new FileVersion("sha-" + fileId, 1_000L * step, "results/" + fileId + ".csv");
                        aggregates.holdFirstVersion(MODEL, fileId, held);
                    }
                    BenchmarkRun run = run(random, fileId, held, step);
                    runSince.add(ConfigKeys.of(run.getConfig()));
                    aggregates.add(MODEL, held, run);
                    continue;
                }
                RunningModel running = aggregates.running(MODEL);
                RunningModel rebuilt = RunningModel.of(reader.files(MODEL));
                assertThat(running.weight()).as("trial %d step %d: weight", trial, step).isEqualTo(rebuilt.weight());
                ModelMetrics whole = ModelMetricsAssembler.assemble(MODEL, rebuilt, ColdStartRule.defaults(), 11, 13);

                List<ConfigStats> published;
                ModelMetrics record;
                if (!running.publishedOnce()) {
                    // As the aggregation's trigger does: a model's first emission assembles it whole.
                    record = ModelMetricsAssembler.assemble(MODEL, running, ColdStartRule.defaults(), 11, 13);
                    published = record.getConfigs();
                    record.setConfigs(List.of());
                    running.markPublishedOnce();
                } else {
                    ModelMetricsAssembler.Emission emission = ModelMetricsAssembler.emission(MODEL, running,
                            ColdStartRule.defaults(), 11, 13);
                    record = emission.metrics();
                    published = emission.unpublished();
                }
                for (ConfigStats config : published) {
                    byte[] before = topic.put(config.getConfigKey(), bytes(config));
                    if (!runSince.contains(config.getConfigKey()) && before != null
                            && !Arrays.equals(before, topic.get(config.getConfigKey()))) {
                        republishedWithoutARun++;
                    }
                    running.published(config, fingerprints.of(config));
                }

                // The model record: the whole one's, less its configurations, which it counts.
                List<ConfigStats> configs = whole.getConfigs();
                whole.setConfigs(List.of());
                assertThat(TaskStores.bytes(record)).as("trial %d step %d: model record", trial, step)
                        .isEqualTo(TaskStores.bytes(whole));
                // The topic, updated with what the emissions published, holds every configuration's bytes.
                assertThat(topic).as("trial %d step %d: configurations", trial, step).hasSameSizeAs(configs);
                long digest = 0;
                for (ConfigStats config : configs) {
                    assertThat(topic.get(config.getConfigKey())).as("trial %d step %d: %s", trial, step,
                            config.getConfigKey()).isEqualTo(bytes(config));
                    digest += fingerprints.of(config);
                }
                assertThat(running.configsDigest()).isEqualTo(digest);
                assertThat(running.unpublished()).isEmpty();
                // Once config-metrics holds them, the model keeps their fingerprints, not the records.
                assertThat(running.configs().values()).as("trial %d step %d: records held", trial, step)
                        .allSatisfy(config -> assertThat(config.heldSnapshot()).isNull());

                double threshold = whole.getColdStart().getThresholdMs();
                if (emissions > 0 && Double.compare(threshold, lastThreshold) != 0) {
                    thresholdMoves++;
                    if (published.size() < configs.size()) {
                        keptAcrossAMove++;
                    }
                }
                lastThreshold = threshold;
                runSince.clear();
                emissions++;
            }
        }
        assertThat(emissions).isGreaterThan(200);
        // The cases the memory must get right were all met: the threshold moved, snapshots were kept across
        // a move, and a configuration without a new run had new bytes to publish because of one.
        assertThat(thresholdMoves).isGreaterThan(20);
        assertThat(keptAcrossAMove).isGreaterThan(10);
        assertThat(republishedWithoutARun).isGreaterThan(0);
    }

    /**
     * A run of one of {@value #CONFIGS} configurations: most loads warm (40 to 120 ms), some cold (1 to 3 s),
     * and some in between (200 to 400 ms), where the threshold (the median, about 100 ms, plus at least 200 ms)
     * lies: as the median moves by a bin, some of those bins change sides.
     */
    private static BenchmarkRun run(Random random, String fileId, FileVersion version, int step) {
        Map<String, Metric> metrics = new LinkedHashMap<>();
        metrics.put("tokens_per_s", metric(150 + 40 * random.nextGaussian(), "tokens/s"));
        metrics.put("ttft_ms", metric(60 + 25 * random.nextDouble(), "ms"));
        int kind = random.nextInt(20);
        double load = kind < 3 ? 1_000 + 2_000 * random.nextDouble()
                : kind < 6 ? 200 + 200 * random.nextDouble() : 40 + 80 * random.nextDouble();
        metrics.put("load_duration_ms", metric(load, "ms"));
        Map<String, String> config = new LinkedHashMap<>();
        config.put("num_ctx", Integer.toString(1024 * (1 + random.nextInt(CONFIGS))));
        return BenchmarkRun.newBuilder()
                .setRunId(fileId + "#" + step)
                .setFileId(fileId)
                .setFileSha256(version.sha256())
                .setPath(version.path())
                .setLocator("row " + step)
                .setModel(MODEL)
                .setConfig(config)
                .setMetrics(metrics)
                .setOk(random.nextInt(30) != 0)
                .setKind(RecordKind.RUN)
                .setIngestedAt(Instant.ofEpochMilli(version.ingestedAt() + random.nextInt(1_000)))
                .build();
    }

    private static byte[] bytes(ConfigStats config) {
        return AvroBytes.of(config::toByteBuffer);
    }

    private static Metric metric(double value, String unit) {
        return Metric.newBuilder().setValue(value).setUnit(unit).setSourceName("x").build();
    }
}
