package io.chimera.insight.ingest.normalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingRulesTest {

    @TempDir
    Path dir;

    @Test
    void bundledRulesMapTheCorpusSpellings() {
        MappingRules rules = MappingRules.bundled();

        assertThat(rules.metric("ttft_s")).get().satisfies(m -> {
            assertThat(m.canonicalName()).isEqualTo("ttft_ms");
            assertThat(m.canonicalUnit().name()).isEqualTo("ms");
            assertThat(m.sourceUnit()).map(Unit::name).contains("s");
        });
        assertThat(rules.metric("throughput_tokens_per_sec")).map(MetricSource::canonicalName).contains("tokens_per_s");
        assertThat(rules.metric("eval_duration")).flatMap(MetricSource::sourceUnit).map(Unit::name).contains("ns");
        assertThat(rules.metric("tokens_generated")).map(MetricSource::canonicalName).contains("eval_count");
        assertThat(rules.metric("ttft_ms")).map(MetricSource::canonicalName).contains("ttft_ms");
        assertThat(rules.summaryMetric("average_tokens_per_second")).map(MetricSource::canonicalName)
                .contains("tokens_per_s");
        assertThat(rules.summaryMetric("eval_s_mean")).map(MetricSource::canonicalName).contains("eval_duration_ms");
        assertThat(rules.summaryMetric("stddev_ttft_ms")).isEmpty();
        assertThat(rules.configKey("temp")).contains("temperature");
        assertThat(rules.configKey("tag")).contains("quantization");
        assertThat(rules.isAggregate("stddev_throughput")).isTrue();
        assertThat(rules.isAggregate("max_tokens")).as("a setting, not an aggregate").isFalse();
        assertThat(rules.isSummaryFileName("gemma3_param_tuning_summary.csv")).isTrue();
        assertThat(rules.isSummaryFileName("summary.json")).isTrue();
        assertThat(rules.isSummaryFileName("SUMMARY.md")).isTrue();
        assertThat(rules.isSummaryFileName("prompt_suite_runs.csv")).isFalse();
        assertThat(rules.isSummaryHeading("Top 10 Configurations (Ranked by Throughput)")).isTrue();
        assertThat(rules.isSummaryHeading("Per-Prompt Performance")).isFalse();
    }

    @Test
    void userFileAddsSourcesAndConfigKeysAndMovesARemappedSource() throws IOException {
        Path extra = dir.resolve("my-rules.yaml");
        Files.writeString(extra, """
                metrics:
                  ttft_ms:
                    sources:
                      "First Token (s)": s
                  queue_wait_ms:
                    unit: ms
                    sources:
                      latency: ms
                config:
                  num_gpu: [gpu_layer_count]
                """);

        MappingRules rules = MappingRules.load(Optional.of(extra));

        assertThat(rules.metric("first_token_s")).map(MetricSource::canonicalName).contains("ttft_ms");
        assertThat(rules.metric("latency")).map(MetricSource::canonicalName).contains("queue_wait_ms");
        assertThat(rules.metric("latency_ms")).map(MetricSource::canonicalName).as("bundled entries stay")
                .contains("latency_ms");
        assertThat(rules.configKey("gpu_layer_count")).contains("num_gpu");
        assertThat(rules.configKey("n_gpu_layers")).contains("num_gpu");
    }

    @Test
    void unknownUnitInAUserFileIsReportedWithTheFileName() throws IOException {
        Path extra = dir.resolve("bad.yaml");
        Files.writeString(extra, "metrics:\n  ttft_ms:\n    sources:\n      ttft_fortnights: fortnight\n");

        assertThatThrownBy(() -> MappingRules.load(Optional.of(extra)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.yaml")
                .hasMessageContaining("fortnight");
    }

    @Test
    void sourceInAnIncompatibleUnitIsRefused() throws IOException {
        Path extra = dir.resolve("bad.yaml");
        Files.writeString(extra, "metrics:\n  ttft_ms:\n    sources:\n      ttft_tokens: tokens\n");

        assertThatThrownBy(() -> MappingRules.load(Optional.of(extra)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot convert");
    }
}
