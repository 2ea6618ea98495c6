package io.chimera.insight.ingest;

import static io.chimera.insight.ingest.TestCorpus.metric;
import static io.chimera.insight.ingest.TestCorpus.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.FileFormat;
import io.chimera.insight.events.FileStatus;
import io.chimera.insight.events.RecordKind;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * NDJSON built by hand from corpus values (fixtures/README.md): the expected figures below are the
 * ones in the corpus files those lines were copied from.
 */
class NdjsonIngestTest {

    private static final String FILE = "rust_agent_sweep_runs.ndjson";

    private final IngestedFile file = TestCorpus.ingestor().ingest(TestCorpus.fixtures(),
            TestCorpus.fixtures().resolve(FILE));

    @Test
    void fileEventCountsThreeRunsOneFailedAndOneSummary() {
        assertThat(file.file().getFormat()).isEqualTo(FileFormat.NDJSON);
        assertThat(file.file().getStatus()).isEqualTo(FileStatus.ACCEPTED);
        assertThat(file.file().getRunCount()).isEqualTo(3);
        assertThat(file.file().getFailedRunCount()).isEqualTo(1);
        assertThat(file.file().getSummaryCount()).isEqualTo(1);
        assertThat(file.file().getModels()).containsExactly("gemma3:latest", "llama3.1:8b-instruct-q4_0");
        assertThat(file.deadLetters()).isEmpty();
        assertThat(file.runs()).extracting(BenchmarkRun::getLocator)
                .containsExactly("line 1 /", "line 2 /", "line 3 /aggregate_metrics", "line 4 /");
    }

    @Test
    void baselineLineIsARunWithOllamaDefaults() {
        // gpu120_ctx512_temp0p6 metrics.json, baseline.individual_runs[0]; baseline.configuration is {}
        BenchmarkRun baseline = run(file, "line 1 /");
        assertThat(baseline.getKind()).isEqualTo(RecordKind.RUN);
        assertThat(baseline.getOk()).isTrue();
        assertThat(baseline.getModel()).isEqualTo("gemma3:latest");
        assertThat(baseline.getConfig()).isEmpty();
        assertThat(baseline.getObservedAt()).isEqualTo(Instant.parse("2025-11-10T05:15:48.858Z"));
        assertThat(baseline.getMetrics()).containsOnly(
                entry("eval_duration_ms", metric(15333.9493, "ms", "eval_duration_ms")),
                entry("load_duration_ms", metric(3608.4278, "ms", "load_duration_ms")),
                entry("prompt_eval_duration_ms", metric(244.0342, "ms", "prompt_eval_duration_ms")),
                entry("tokens_per_s", metric(98.9308083860692, "tokens/s", "throughput_tokens_per_sec")),
                entry("eval_count", metric(1517, "tokens", "tokens_generated")),
                entry("total_duration_ms", metric(19238.0849, "ms", "total_duration_ms")),
                entry("ttft_ms", metric(3866.2754, "ms", "ttft_ms")));
    }

    @Test
    void chimeraLineCarriesItsConfigurationWithFloat32NoiseRemoved() {
        // chimera.configuration: num_ctx 512, num_gpu 120, repeat_penalty 1.100000023841858,
        // temperature 0.6000000238418579, top_k 40, top_p 0.8999999761581421
        BenchmarkRun chimera = run(file, "line 2 /");
        assertThat(chimera.getConfig()).containsOnly(entry("num_ctx", "512"), entry("num_gpu", "120"),
                entry("repeat_penalty", "1.1"), entry("temperature", "0.6"), entry("top_k", "40"),
                entry("top_p", "0.9"));
        assertThat(chimera.getMetrics()).containsOnly(
                entry("eval_duration_ms", metric(15390.8096, "ms", "eval_duration_ms")),
                entry("load_duration_ms", metric(3551.3241, "ms", "load_duration_ms")),
                entry("prompt_eval_duration_ms", metric(275.0759, "ms", "prompt_eval_duration_ms")),
                entry("tokens_per_s", metric(98.5653152385174, "tokens/s", "throughput_tokens_per_sec")),
                entry("eval_count", metric(1517, "tokens", "tokens_generated")),
                entry("total_duration_ms", metric(19274.515, "ms", "total_duration_ms")),
                entry("ttft_ms", metric(3829.144, "ms", "ttft_ms")));
    }

    @Test
    void aggregateLineIsASummaryOfTheSameConfiguration() {
        BenchmarkRun aggregate = run(file, "line 3 /aggregate_metrics");
        assertThat(aggregate.getKind()).isEqualTo(RecordKind.SUMMARY);
        assertThat(aggregate.getModel()).isEqualTo("gemma3:latest");
        assertThat(aggregate.getConfig()).containsEntry("num_gpu", "120").containsEntry("num_ctx", "512");
        assertThat(aggregate.getMetrics()).contains(
                entry("tokens_per_s", metric(98.5653152385174, "tokens/s", "average_tokens_per_second")),
                entry("ttft_ms", metric(3829.144, "ms", "average_ttft_ms")));
    }

    @Test
    void lineWithAnErrorIsAFailedRunWithItsOptionsAndNoZeroMetrics() {
        // prompt_suite_runs.csv row 2: ttft_s 0, tokens_s 0, the connect error, options {"temperature":0.3,"top_p":0.9}
        BenchmarkRun failed = run(file, "line 4 /");
        assertThat(failed.getOk()).isFalse();
        assertThat(failed.getModel()).isEqualTo("llama3.1:8b-instruct-q4_0");
        assertThat(failed.getError()).isEqualTo("Failed to connect to Ollama. Please check that Ollama is downloaded, "
                + "running and accessible. https://ollama.com/download");
        assertThat(failed.getConfig()).containsOnly(entry("temperature", "0.3"), entry("top_p", "0.9"));
        assertThat(failed.getMetrics()).isEmpty();
        assertThat(failed.getObservedAt()).isEqualTo(Instant.parse("2025-10-02T19:12:04.495Z"));
    }
}
