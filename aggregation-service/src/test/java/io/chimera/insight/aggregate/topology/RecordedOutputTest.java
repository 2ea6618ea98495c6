package io.chimera.insight.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.Metric;
import io.chimera.insight.events.RecordKind;
import io.chimera.insight.platform.metrics.CanonicalMetric;
import io.chimera.insight.platform.topics.Topic;
import io.chimera.insight.platform.topics.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every record the aggregation writes to {@code config-metrics}, {@code model-metrics} and
 * {@code analysis-requests} for one fixed input, byte for byte, against a recording committed beside
 * this test (per record: key, timestamp, headers, length and SHA-256 of the value). The recording was
 * made with the output path as it was before its encodings were cached, so any cache that changes a
 * byte of what the topics get fails here. The input exercises what those caches must get right: three
 * models of 12 or 13 configurations and eight metrics each, runs arriving in batches while the models are
 * refreshed, requests at the end of each burst, load durations that move each model's cold-start
 * threshold (configurations published again without a run of their own), failed runs and summaries, a
 * replaced file (tombstones, and a model built afresh that compares every configuration with the
 * store), and late runs of one configuration. A deliberate change of the output is recorded again with
 * {@code -Dchimera.fixtures.write=true}.
 */
class RecordedOutputTest {

    private static final Path RECORDING = Path.of(
            "src/test/resources/io/chimera/insight/aggregate/topology/recorded-output.txt");
    private static final List<String> MODELS = List.of("gemma3:270m", "llama3.1:8b", "qwen2.5:7b");
    private static final int CONFIGS = 12;
    private static final String REPLACED_MODEL = "gemma3:270m";
    private static final List<Topic<?>> OUTPUTS = List.of(Topics.CONFIG_METRICS, Topics.MODEL_METRICS,
            Topics.ANALYSIS_REQUESTS);
    /** Ticks that never stop for time: what a tick emits must not depend on how fast this machine is. */
    private static final AggregationSettings SETTINGS = AggregationSettings.defaults().withTickBudget(Duration.ofHours(1));

    @TempDir
    Path stateDir;

    @Test
    void theAggregationWritesTheRecordedBytes() throws IOException {
        List<String> recorded;
        try (AggregationRig rig = new AggregationRig(SETTINGS, stateDir)) {
            Instant t0 = AggregationRig.START;
            Random random = new Random(20261205);
            // Two bursts of two files per model, interleaved, each ending in a request per model.
            burst(rig, random, 0, t0);
            burst(rig, random, 2, t0.plusSeconds(60));
            // gemma's second file, replaced by a version that keeps one configuration of it.
            TestFile replaced = TestFile.of(fileName(REPLACED_MODEL, 1), "v2", t0.plusSeconds(120));
            List<BenchmarkRun> replacement = new ArrayList<>();
            for (int row = 0; row < 10; row++) {
                replacement.add(run(random, replaced, REPLACED_MODEL, row, 0, false));
            }
            publishInBatches(rig, replacement);
            rig.advance(SETTINGS.replacementSweepInterval().plus(SETTINGS.debounce()).multipliedBy(2));
            // Late runs of one configuration of llama: one configuration changed, and maybe the threshold.
            TestFile late = TestFile.of(fileName("llama3.1:8b", 9), "v1", t0.plusSeconds(180));
            List<BenchmarkRun> lateRuns = new ArrayList<>();
            for (int row = 0; row < 6; row++) {
                lateRuns.add(run(random, late, "llama3.1:8b", row, 5, false));
            }
            publishInBatches(rig, lateRuns);
            rig.settle();

            assertThat(rig.written(Topics.CONFIG_METRICS)).as("a tombstone for the replaced configurations")
                    .anyMatch(record -> record.value() == null);
            assertThat(rig.written(Topics.ANALYSIS_REQUESTS)).as("requests").hasSizeGreaterThanOrEqualTo(8);
            recorded = recording(rig);
        }
        if (Boolean.getBoolean("chimera.fixtures.write")) {
            Files.write(RECORDING, recorded, StandardCharsets.UTF_8);
        }

        assertThat(recorded).as("%s: the aggregation's output changed (rerun with -Dchimera.fixtures.write=true "
                + "only if the change is meant)", RECORDING).containsExactlyElementsOf(Files.readAllLines(RECORDING));
    }

    /** Files {@code first} and {@code first + 1} of every model, interleaved in batches, then quiet until every model is requested. */
    private static void burst(AggregationRig rig, Random random, int first, Instant ingestedAt) {
        List<BenchmarkRun> runs = new ArrayList<>();
        for (int row = 0; row < 36; row++) {
            for (String model : MODELS) {
                for (int file = first; file < first + 2; file++) {
                    TestFile of = TestFile.of(fileName(model, file), "v1", ingestedAt.plusSeconds(file));
                    // gemma's second file alone has a 13th configuration, which its replacement drops.
                    int config = model.equals(REPLACED_MODEL) && file == 1 && row % 6 == 0 ? CONFIGS : (row + file) % CONFIGS;
                    runs.add(run(random, of, model, row, config, row % 17 == 16));
                }
            }
        }
        publishInBatches(rig, runs);
        rig.settle();
    }

    /** 10 runs at a time, 200 ms apart: the models are refreshed (once per debounce) while runs still arrive. */
    private static void publishInBatches(AggregationRig rig, List<BenchmarkRun> runs) {
        for (int from = 0; from < runs.size(); from += 10) {
            rig.publish(runs.subList(from, Math.min(runs.size(), from + 10)));
            rig.advance(Duration.ofMillis(200));
        }
    }

    private static String fileName(String model, int file) {
        return model.replace(':', '_') + "_" + file + ".csv";
    }

    /**
     * A run of configuration {@code config} (context, temperature and, for llama, GPUs): most loads warm,
     * some cold and some in between, where the threshold lies; one run in 40 failed, one in 50 a summary.
     */
    private static BenchmarkRun run(Random random, TestFile file, String model, int row, int config, boolean summary) {
        Map<String, String> configuration = new LinkedHashMap<>();
        configuration.put("num_ctx", Integer.toString(2048 << (config % 3)));
        configuration.put("temperature", config % 2 == 0 ? "0.2" : "0.8");
        if (model.startsWith("llama")) {
            configuration.put("num_gpu", Integer.toString(1 + config / 6));
        } else {
            configuration.put("top_k", Integer.toString(20 + 20 * (config / 6)));
        }
        double speed = 80 + 10 * config + 15 * random.nextGaussian();
        int kind = random.nextInt(20);
        double load = kind < 3 ? 1_000 + 2_000 * random.nextDouble()
                : kind < 6 ? 200 + 200 * random.nextDouble() : 40 + 80 * random.nextDouble();
        double evalCount = 100 + random.nextInt(400);
        double promptCount = 20 + random.nextInt(60);
        double evalMs = 1_000 * evalCount / speed;
        double promptMs = 5 + 20 * random.nextDouble();
        Map<String, Metric> metrics = new LinkedHashMap<>();
        metrics.put("tokens_per_s", metric(CanonicalMetric.TOKENS_PER_S, speed));
        metrics.put("ttft_ms", metric(CanonicalMetric.TTFT_MS, load + promptMs + 3 * random.nextDouble()));
        metrics.put("load_duration_ms", metric(CanonicalMetric.LOAD_DURATION_MS, load));
        metrics.put("prompt_eval_duration_ms", metric(CanonicalMetric.PROMPT_EVAL_DURATION_MS, promptMs));
        metrics.put("eval_duration_ms", metric(CanonicalMetric.EVAL_DURATION_MS, evalMs));
        metrics.put("total_duration_ms", metric(CanonicalMetric.TOTAL_DURATION_MS, load + promptMs + evalMs));
        metrics.put("eval_count", metric(CanonicalMetric.EVAL_COUNT, evalCount));
        metrics.put("prompt_eval_count", metric(CanonicalMetric.PROMPT_EVAL_COUNT, promptCount));
        BenchmarkRun run = random.nextInt(40) == 0
                ? file.failedRun(model, row, Map.of(), Map.of())
                : file.run(model, row, Map.of(), Map.of());
        return BenchmarkRun.newBuilder(run)
                .setConfig(configuration)
                .setMetrics(metrics)
                .setKind(summary ? RecordKind.SUMMARY : RecordKind.RUN)
                .build();
    }

    private static Metric metric(CanonicalMetric metric, double value) {
        return Metric.newBuilder().setValue(value).setUnit(metric.unit()).setSourceName(metric.canonicalName()).build();
    }

    /** One line per record of each output topic, in the order the topic got them. */
    private static List<String> recording(AggregationRig rig) {
        List<String> lines = new ArrayList<>();
        for (Topic<?> topic : OUTPUTS) {
            List<TestRecord<String, byte[]>> records = rig.written(topic);
            lines.add("# " + topic.baseName() + ": " + records.size() + " records (key, timestamp, headers, value length, value SHA-256)");
            for (TestRecord<String, byte[]> record : records) {
                byte[] value = record.value();
                lines.add(record.key().replace("\0", "\\0") + "\t" + record.timestamp() + "\t" + record.headers().toArray().length
                        + "\t" + (value == null ? "tombstone" : value.length + "\t" + sha256(value)));
            }
        }
        return lines;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
