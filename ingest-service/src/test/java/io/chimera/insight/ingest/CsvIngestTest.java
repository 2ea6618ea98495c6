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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvIngestTest {

    private static final String PARAM_TUNING = "reports/gemma3/gemma3_270m_param_tuning.csv";

    @TempDir
    Path dir;

    @Test
    void paramTuningRowsBecomeRunsWithConfigMetricsInCanonicalUnitsAndModelFromThePath() {
        IngestedFile file = TestCorpus.ingest(PARAM_TUNING);

        // First data row: 999,1024,0.2,g999_c1024_t0.2,1.1485114,278.84860554273496,0.966329,0.1821824,1.4703319,410,
        BenchmarkRun first = run(file, "row 2");
        assertThat(first.getKind()).isEqualTo(RecordKind.RUN);
        assertThat(first.getModel()).isEqualTo("gemma3:270m");
        assertThat(first.getOk()).isTrue();
        assertThat(first.getConfig()).containsOnly(entry("num_gpu", "999"), entry("num_ctx", "1024"),
                entry("temperature", "0.2"));
        assertThat(first.getMetrics()).containsOnly(
                entry("ttft_ms", metric(1148.5114, "ms", "ttft_s")),
                entry("tokens_per_s", metric(278.84860554273496, "tokens/s", "tokens_s")),
                entry("load_duration_ms", metric(966.329, "ms", "load_s")),
                entry("prompt_eval_duration_ms", metric(182.1824, "ms", "prompt_eval_s")),
                entry("eval_duration_ms", metric(1470.3319, "ms", "eval_s")),
                entry("eval_count", metric(410, "tokens", "eval_count")));
        assertThat(first.getRunId()).isEqualTo(file.file().getFileId() + "#row 2");
        assertThat(first.getFileSha256()).isEqualTo(file.sha256());
        assertThat(first.getPath()).isEqualTo(PARAM_TUNING);
    }

    @Test
    void paramTuningFileEventCountsRunsAndTheTwoTimedOutRows() throws IOException {
        IngestedFile file = TestCorpus.ingest(PARAM_TUNING);

        assertThat(file.file().getFormat()).isEqualTo(FileFormat.CSV);
        assertThat(file.file().getStatus()).isEqualTo(FileStatus.ACCEPTED);
        assertThat(file.file().getRunCount()).isEqualTo(36);
        assertThat(file.file().getFailedRunCount()).isEqualTo(2);
        assertThat(file.file().getSummaryCount()).isZero();
        assertThat(file.file().getModels()).containsExactly("gemma3:270m");
        assertThat(file.file().getFileId()).isEqualTo(Sha256.of(PARAM_TUNING));
        byte[] content = Files.readAllBytes(TestCorpus.root().resolve(PARAM_TUNING));
        assertThat(file.sha256()).isEqualTo(Sha256.of(content));
        assertThat(file.file().getSizeBytes()).isEqualTo(content.length);
        assertThat(file.file().getIngestedAt()).isEqualTo(TestCorpus.NOW);
        assertThat(file.deadLetters()).isEmpty();

        // Line 20: 60,1024,0.2,g60_c1024_t0.2,,,,,,,timed out
        BenchmarkRun timedOut = run(file, "row 20");
        assertThat(timedOut.getOk()).isFalse();
        assertThat(timedOut.getError()).isEqualTo("timed out");
        assertThat(timedOut.getMetrics()).isEmpty();
        assertThat(timedOut.getConfig()).containsOnly(entry("num_gpu", "60"), entry("num_ctx", "1024"),
                entry("temperature", "0.2"));
    }

    @Test
    void modelTagWithDashesIsReadFromTheFileName() {
        IngestedFile file = TestCorpus.ingest("reports/gemma3/gemma3_1b-it-qat_baseline.csv");

        // banter prompt ...,2.3189992000000004,181.96533720183703,2.0743547,0.2446445,2.9401204,535,2037,
        BenchmarkRun first = run(file, "row 2");
        assertThat(first.getModel()).isEqualTo("gemma3:1b-it-qat");
        assertThat(first.getConfig()).isEmpty();
        assertThat(first.getMetrics()).containsOnly(
                entry("ttft_ms", metric(2318.9992000000004, "ms", "ttft_s")),
                entry("tokens_per_s", metric(181.96533720183703, "tokens/s", "tokens_s")),
                entry("load_duration_ms", metric(2074.3547, "ms", "load_s")),
                entry("prompt_eval_duration_ms", metric(244.6445, "ms", "prompt_eval_s")),
                entry("eval_duration_ms", metric(2940.1204, "ms", "eval_s")),
                entry("eval_count", metric(535, "tokens", "eval_count")),
                entry("response_chars", metric(2037, "chars", "response_chars")));
        assertThat(file.file().getRunCount()).isEqualTo(5);
    }

    @Test
    void rowWithConnectErrorIsAFailedRunWithoutMetricsAndKeepsOptionsAsConfig() {
        IngestedFile file = TestCorpus.ingest("reports/ollama/20251002-151204/prompt_suite_runs.csv");

        BenchmarkRun first = run(file, "row 2");
        assertThat(first.getModel()).isEqualTo("llama3.1:8b-instruct-q4_0");
        assertThat(first.getOk()).isFalse();
        assertThat(first.getError()).isEqualTo("Failed to connect to Ollama. Please check that Ollama is downloaded, "
                + "running and accessible. https://ollama.com/download");
        assertThat(first.getMetrics()).as("the zeros of a failed run are not measurements").isEmpty();
        assertThat(first.getConfig()).containsOnly(entry("temperature", "0.3"), entry("top_p", "0.9"));
        assertThat(first.getObservedAt()).isEqualTo(Instant.parse("2025-10-02T19:12:04.495Z"));
        assertThat(file.file().getRunCount()).isEqualTo(15);
        assertThat(file.file().getFailedRunCount()).isEqualTo(15);
        assertThat(file.file().getModels()).containsExactly("llama3.1:8b-instruct-q4_0",
                "llama3.1:8b-instruct-q5_K_M", "llama3.1:8b-instruct-q8_0");
    }

    @Test
    void semicolonDelimitedUtf8WithBomAndQuotedDelimiterIsRead() throws IOException {
        Path csv = dir.resolve("qwen2.5_7b_runs.csv");
        String text = "\uFEFFmodel;prompt;ttft_ms;tokens_per_s;num_ctx\n"
                + "qwen2.5:7b;\"a; b\";120.5;55.25;4096\n";
        Files.writeString(csv, text, StandardCharsets.UTF_8);

        IngestedFile file = TestCorpus.ingestor().ingest(dir, csv);

        BenchmarkRun only = run(file, "row 2");
        assertThat(only.getModel()).isEqualTo("qwen2.5:7b");
        assertThat(only.getConfig()).containsOnly(entry("num_ctx", "4096"));
        assertThat(only.getMetrics()).containsOnly(
                entry("ttft_ms", metric(120.5, "ms", "ttft_ms")),
                entry("tokens_per_s", metric(55.25, "tokens/s", "tokens_per_s")));
    }

    @Test
    void utf16WithBomAndTabsIsRead() throws IOException {
        Path csv = dir.resolve("bench.tsv");
        String text = "\uFEFFmodel\tttft_s\teval_count\nphi3:mini\t0.25\t100\n";
        Files.write(csv, text.getBytes(StandardCharsets.UTF_16LE));

        IngestedFile file = TestCorpus.ingestor().ingest(dir, csv);

        assertThat(file.file().getStatus()).isEqualTo(FileStatus.ACCEPTED);
        assertThat(run(file, "row 2").getMetrics()).containsOnly(
                entry("ttft_ms", metric(250, "ms", "ttft_s")),
                entry("eval_count", metric(100, "tokens", "eval_count")));
    }

    @Test
    void unknownNumericColumnsAreKeptUnderTheirOwnNamesAndTextColumnsAreNotMetrics() throws IOException {
        Path csv = dir.resolve("runs.csv");
        Files.writeString(csv, "Model,Prompt Text,TTFT (ms),GPU Temp (C),timestamp\n"
                + "mistral:7b,hello there,80,61.5,2025-10-01 08:30:00\n");

        BenchmarkRun run = run(TestCorpus.ingestor().ingest(dir, csv), "row 2");

        assertThat(run.getMetrics()).containsOnly(
                entry("ttft_ms", metric(80, "ms", "TTFT (ms)")),
                entry("gpu_temp_c", metric(61.5, "C", "GPU Temp (C)")));
        assertThat(run.getObservedAt()).isEqualTo(Instant.parse("2025-10-01T08:30:00Z"));
    }

    @Test
    void rowWithWrongFieldCountIsADeadLetterAndTheFileIsPartial() throws IOException {
        Path csv = dir.resolve("llama3_runs.csv");
        Files.writeString(csv, "ttft_ms,tokens_per_s\n10,20\n30\n40,50\n");

        IngestedFile file = TestCorpus.ingestor().ingest(dir, csv);

        assertThat(file.runs()).extracting(BenchmarkRun::getLocator).containsExactly("row 2", "row 4");
        assertThat(file.runs()).extracting(BenchmarkRun::getModel).containsOnly("llama3");
        assertThat(file.deadLetters()).singleElement().satisfies(dl -> {
            assertThat(dl.getStage()).isEqualTo("ingest.parse");
            assertThat(dl.getErrorClass()).isEqualTo("InconsistentRow");
            assertThat(dl.getLocator()).isEqualTo("row 3");
            assertThat(dl.getSource()).isEqualTo("llama3_runs.csv");
            assertThat(dl.getExcerpt()).isEqualTo("30");
        });
        assertThat(file.file().getStatus()).isEqualTo(FileStatus.PARTIAL);
    }

    @Test
    void runWithoutAnyMetricValueIsADeadLetter() throws IOException {
        Path csv = dir.resolve("runs.csv");
        Files.writeString(csv, "model,ttft_ms\ngemma3:4b,\ngemma3:4b,12\n");

        IngestedFile file = TestCorpus.ingestor().ingest(dir, csv);

        assertThat(file.runs()).hasSize(1);
        assertThat(file.deadLetters()).singleElement().satisfies(dl -> {
            assertThat(dl.getStage()).isEqualTo("ingest.normalise");
            assertThat(dl.getErrorClass()).isEqualTo("NoMetricValue");
            assertThat(dl.getLocator()).isEqualTo("row 2");
        });
    }

    @Test
    void tableWithoutMetricColumnsIsEmptyNotAnError() {
        IngestedFile file = TestCorpus.ingest("reports/profiling/ncu_ollama_raw.csv");

        assertThat(file.file().getStatus()).isEqualTo(FileStatus.EMPTY);
        assertThat(file.file().getStatusReason()).startsWith("no column is a known metric");
        assertThat(file.runs()).isEmpty();
        assertThat(file.deadLetters()).isEmpty();
    }

    @Test
    void headerlessTableIsEmptyWithAWarning() throws IOException {
        Path csv = dir.resolve("numbers.csv");
        Files.writeString(csv, "1,2,3\n4,5,6\n");

        IngestedFile file = TestCorpus.ingestor().ingest(dir, csv);

        assertThat(file.file().getStatus()).isEqualTo(FileStatus.EMPTY);
        assertThat(file.file().getWarnings()).anyMatch(w -> w.startsWith("no header row"));
    }

    @Test
    void configMapHoldsOnlyConfigKeys() {
        Map<String, String> config = run(TestCorpus.ingest(PARAM_TUNING), "row 3").getConfig();
        assertThat(config).doesNotContainKey("config_name");
    }
}
