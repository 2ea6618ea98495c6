package io.chimera.insight.ingest;

import static io.chimera.insight.ingest.TestCorpus.metric;
import static io.chimera.insight.ingest.TestCorpus.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.FileFormat;
import io.chimera.insight.events.FileStatus;
import io.chimera.insight.events.RecordKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonIngestTest {

    private static final String AGENT_SWEEP = "demo_agent_runs/Demo_rust_agent_sweep__gpu60_ctx256_temp0p8/metrics.json";

    @TempDir
    Path dir;

    @Test
    void resultsArrayObjectsAreRunsInheritingTheModel() {
        IngestedFile file = TestCorpus.ingest("reports/gemma3/gemma3_270m_baseline.json");

        assertThat(file.file().getFormat()).isEqualTo(FileFormat.JSON);
        assertThat(file.file().getStatus()).isEqualTo(FileStatus.ACCEPTED);
        assertThat(file.file().getRunCount()).isEqualTo(5);
        assertThat(file.runs()).extracting(BenchmarkRun::getLocator)
                .containsExactly("/results/0", "/results/1", "/results/2", "/results/3", "/results/4");
        // "ttft_s": 7.8366299, "tokens_s": 238.23929187638413, "load_s": 0.948917, "prompt_eval_s": 6.8877129,
        // "eval_s": 1.5698502, "eval_count": 374, "response_chars": 1742
        BenchmarkRun first = run(file, "/results/0");
        assertThat(first.getModel()).isEqualTo("gemma3:270m");
        assertThat(first.getKind()).isEqualTo(RecordKind.RUN);
        assertThat(first.getConfig()).isEmpty();
        assertThat(first.getMetrics()).containsOnly(
                entry("ttft_ms", metric(7836.6299, "ms", "ttft_s")),
                entry("tokens_per_s", metric(238.23929187638413, "tokens/s", "tokens_s")),
                entry("load_duration_ms", metric(948.917, "ms", "load_s")),
                entry("prompt_eval_duration_ms", metric(6887.7129, "ms", "prompt_eval_s")),
                entry("eval_duration_ms", metric(1569.8502, "ms", "eval_s")),
                entry("eval_count", metric(374, "tokens", "eval_count")),
                entry("response_chars", metric(1742, "chars", "response_chars")));
    }

    @Test
    void agentIndividualRunsInheritModelConfigurationAndTimestampFromTheirAgent() {
        IngestedFile file = TestCorpus.ingest(AGENT_SWEEP);

        BenchmarkRun chimera = run(file, "/chimera/individual_runs/0");
        assertThat(chimera.getKind()).isEqualTo(RecordKind.RUN);
        assertThat(chimera.getModel()).isEqualTo("gemma3:latest");
        // configuration: num_ctx 256, num_gpu 60, repeat_penalty 1.100000023841858,
        // temperature 0.800000011920929, top_k 40, top_p 0.8999999761581421 (float32 widened to double)
        assertThat(chimera.getConfig()).containsOnly(entry("num_ctx", "256"), entry("num_gpu", "60"),
                entry("repeat_penalty", "1.1"), entry("temperature", "0.8"), entry("top_k", "40"),
                entry("top_p", "0.9"));
        assertThat(chimera.getMetrics()).containsOnly(
                entry("eval_duration_ms", metric(15794.9752, "ms", "eval_duration_ms")),
                entry("load_duration_ms", metric(3599.8853, "ms", "load_duration_ms")),
                entry("prompt_eval_duration_ms", metric(276.1813, "ms", "prompt_eval_duration_ms")),
                entry("tokens_per_s", metric(98.25909698167807, "tokens/s", "throughput_tokens_per_sec")),
                entry("eval_count", metric(1552, "tokens", "tokens_generated")),
                entry("total_duration_ms", metric(19726.174, "ms", "total_duration_ms")),
                entry("ttft_ms", metric(3878.2246000000005, "ms", "ttft_ms")));
        assertThat(chimera.getObservedAt()).isEqualTo(Instant.parse("2025-11-10T05:07:49.638Z"));

        BenchmarkRun baseline = run(file, "/baseline/individual_runs/0");
        assertThat(baseline.getConfig()).as("the baseline agent runs Ollama defaults").isEmpty();
        assertThat(baseline.getMetrics().get("ttft_ms")).isEqualTo(metric(3890.1529, "ms", "ttft_ms"));
    }

    @Test
    void aggregateMetricsAreSummariesNotRuns() {
        IngestedFile file = TestCorpus.ingest(AGENT_SWEEP);

        assertThat(file.file().getRunCount()).isEqualTo(2);
        assertThat(file.file().getSummaryCount()).isEqualTo(2);
        BenchmarkRun aggregate = run(file, "/baseline/aggregate_metrics");
        assertThat(aggregate.getKind()).isEqualTo(RecordKind.SUMMARY);
        assertThat(aggregate.getMetrics()).contains(
                entry("tokens_per_s", metric(98.35195568785876, "tokens/s", "average_tokens_per_second")),
                entry("ttft_ms", metric(3890.1529, "ms", "average_ttft_ms")),
                entry("stddev_ttft", metric(0.0, "", "stddev_ttft")));
        assertThat(file.runs()).filteredOn(r -> r.getKind() == RecordKind.RUN)
                .extracting(BenchmarkRun::getLocator)
                .containsExactly("/baseline/individual_runs/0", "/chimera/individual_runs/0");
    }

    @Test
    void ollamaNanosecondDurationsInNdjsonBecomeMillisecondsAndBadLinesBecomeDeadLetters() throws IOException {
        Path ndjson = dir.resolve("ollama_generate.ndjson");
        Files.writeString(ndjson, String.join("\n",
                "{\"model\":\"llama3.2:1b\",\"created_at\":\"2025-01-01T10:00:00Z\",\"total_duration\":5191566416,"
                        + "\"load_duration\":2154458,\"prompt_eval_count\":26,\"prompt_eval_duration\":383809000,"
                        + "\"eval_count\":298,\"eval_duration\":4799921000,\"options\":{\"num_ctx\":2048}}",
                "this is not json",
                "{\"model\":\"llama3.2:1b\",\"error\":\"model 'llama3.2:1b' not found\"}",
                ""));

        IngestedFile file = TestCorpus.ingestor().ingest(dir, ndjson);

        assertThat(file.file().getFormat()).isEqualTo(FileFormat.NDJSON);
        assertThat(file.file().getStatus()).isEqualTo(FileStatus.PARTIAL);
        BenchmarkRun ok = run(file, "line 1 /");
        assertThat(ok.getModel()).isEqualTo("llama3.2:1b");
        assertThat(ok.getConfig()).containsOnly(entry("num_ctx", "2048"));
        assertThat(ok.getObservedAt()).isEqualTo(Instant.parse("2025-01-01T10:00:00Z"));
        assertThat(ok.getMetrics()).containsOnly(
                entry("total_duration_ms", metric(5191.566416, "ms", "total_duration")),
                entry("load_duration_ms", metric(2.154458, "ms", "load_duration")),
                entry("prompt_eval_count", metric(26, "tokens", "prompt_eval_count")),
                entry("prompt_eval_duration_ms", metric(383.809, "ms", "prompt_eval_duration")),
                entry("eval_count", metric(298, "tokens", "eval_count")),
                entry("eval_duration_ms", metric(4799.921, "ms", "eval_duration")));
        BenchmarkRun failed = run(file, "line 3 /");
        assertThat(failed.getOk()).isFalse();
        assertThat(failed.getError()).isEqualTo("model 'llama3.2:1b' not found");
        assertThat(file.deadLetters()).singleElement().satisfies(dl -> {
            assertThat(dl.getErrorClass()).isEqualTo("JsonSyntax");
            assertThat(dl.getLocator()).isEqualTo("line 2");
            assertThat(dl.getExcerpt()).isEqualTo("this is not json");
        });
    }

    @Test
    void brokenJsonIsRejectedWithTheErrorLocation() throws IOException {
        Path json = dir.resolve("results.json");
        Files.writeString(json, "{\"model\": \"gemma3\",\n \"results\": [ {\"ttft_ms\": 1,} ]\n");

        IngestedFile file = TestCorpus.ingestor().ingest(dir, json);

        assertThat(file.file().getStatus()).isEqualTo(FileStatus.REJECTED);
        assertThat(file.runs()).isEmpty();
        assertThat(file.deadLetters()).singleElement().satisfies(dl -> {
            assertThat(dl.getErrorClass()).isEqualTo("JsonSyntax");
            assertThat(dl.getLocator()).isEqualTo("line 2");
            assertThat(dl.getStage()).isEqualTo("ingest.parse");
        });
    }

    @Test
    void runObjectsAreFoundAtAnyDepthAndNearerContextWins() throws IOException {
        Path json = dir.resolve("sweep.json");
        Files.writeString(json, """
                {"model": "mistral:7b", "configuration": {"num_ctx": 1024},
                 "suites": [{"name": "a", "options": {"num_ctx": 4096, "temperature": 0.7},
                             "runs": [{"ttft_ms": 10}, {"ttft_ms": 12, "model": "mistral:7b-q8"}]}]}
                """);

        IngestedFile file = TestCorpus.ingestor().ingest(dir, json);

        BenchmarkRun inherited = run(file, "/suites/0/runs/0");
        assertThat(inherited.getModel()).isEqualTo("mistral:7b");
        assertThat(inherited.getConfig()).containsOnly(entry("num_ctx", "4096"), entry("temperature", "0.7"));
        assertThat(run(file, "/suites/0/runs/1").getModel()).isEqualTo("mistral:7b-q8");
    }
}
