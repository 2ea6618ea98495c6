package io.chimera.insight.ingest;

import static io.chimera.insight.ingest.TestCorpus.metric;
import static io.chimera.insight.ingest.TestCorpus.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.FileStatus;
import io.chimera.insight.events.RecordKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rig-computed aggregates are SUMMARY records and never count as runs. */
class SummaryIngestTest {

    @TempDir
    Path dir;

    @Test
    void summaryCsvRowsAreSummariesWithMeanColumnsMappedToTheirMetric() {
        IngestedFile file = TestCorpus.ingest("reports/gemma3/gemma3_270m_param_tuning_summary.csv");

        assertThat(file.file().getStatus()).isEqualTo(FileStatus.ACCEPTED);
        assertThat(file.file().getRunCount()).isZero();
        assertThat(file.file().getSummaryCount()).isEqualTo(34);
        assertThat(file.runs()).extracting(BenchmarkRun::getKind).containsOnly(RecordKind.SUMMARY);
        // g999_c4096_t0.8,999,4096,0.8,303.89820959263636,0.0648745,0.057025
        BenchmarkRun first = run(file, "row 2");
        assertThat(first.getModel()).isEqualTo("gemma3:270m");
        assertThat(first.getConfig()).containsOnly(entry("num_gpu", "999"), entry("num_ctx", "4096"),
                entry("temperature", "0.8"));
        assertThat(first.getMetrics()).containsOnly(
                entry("tokens_per_s", metric(303.89820959263636, "tokens/s", "mean_tokens_s")),
                entry("ttft_ms", metric(64.8745, "ms", "mean_ttft_s")),
                entry("load_duration_ms", metric(57.025, "ms", "mean_load_s")));
    }

    @Test
    void summaryJsonEntriesAreSummaries() {
        IngestedFile file = TestCorpus.ingest("reports/ollama/20251002-151824/prompt_suite_summary.json");

        assertThat(file.file().getRunCount()).isZero();
        assertThat(file.file().getSummaryCount()).isEqualTo(3);
        BenchmarkRun q4 = run(file, "/models/0");
        assertThat(q4.getKind()).isEqualTo(RecordKind.SUMMARY);
        assertThat(q4.getModel()).isEqualTo("llama3.1:8b-instruct-q4_0");
        assertThat(q4.getConfig()).containsOnly(entry("temperature", "0.3"), entry("top_p", "0.9"));
        // "mean_ttft_s": 0.6513369599999999, "mean_tokens_s": 77.61783112097642
        assertThat(q4.getMetrics()).containsOnly(
                entry("ttft_ms", metric(651.3369599999999, "ms", "mean_ttft_s")),
                entry("tokens_per_s", metric(77.61783112097642, "tokens/s", "mean_tokens_s")));
    }

    @Test
    void averageOrStddevColumnsMakeARunFileASummaryWhateverItsName() throws IOException {
        Path csv = dir.resolve("gemma3_sweep.csv");
        Files.writeString(csv, "num_ctx,average_tokens_per_second,stddev_ttft_ms\n2048,100.5,3.25\n");

        BenchmarkRun row = run(TestCorpus.ingestor().ingest(dir, csv), "row 2");

        assertThat(row.getKind()).isEqualTo(RecordKind.SUMMARY);
        assertThat(row.getMetrics()).containsOnly(
                entry("tokens_per_s", metric(100.5, "tokens/s", "average_tokens_per_second")),
                entry("stddev_ttft_ms", metric(3.25, "ms", "stddev_ttft_ms")));
    }

    @Test
    void summaryJsonFileNameMakesEveryObjectASummary() throws IOException {
        Path json = dir.resolve("summary.json");
        Files.writeString(json, "{\"model\": \"phi3\", \"results\": [{\"ttft_ms\": 5}, {\"ttft_ms\": 7}]}");

        IngestedFile file = TestCorpus.ingestor().ingest(dir, json);

        assertThat(file.runs()).extracting(BenchmarkRun::getKind).containsExactly(RecordKind.SUMMARY, RecordKind.SUMMARY);
        assertThat(file.file().getRunCount()).isZero();
    }

    @Test
    void summaryRowWithoutAnyFigureIsSkippedWithAWarningNotDeadLettered() throws IOException {
        Path csv = dir.resolve("sweep_summary.csv");
        Files.writeString(csv, "num_ctx,mean_ttft_s\n2048,\n4096,0.5\n");

        IngestedFile file = TestCorpus.ingestor().ingest(dir, csv);

        assertThat(file.runs()).extracting(BenchmarkRun::getLocator).containsExactly("row 3");
        assertThat(file.deadLetters()).isEmpty();
        assertThat(file.file().getWarnings()).contains("summary at row 2 holds no figure; skipped");
        assertThat(file.file().getStatus()).isEqualTo(FileStatus.ACCEPTED);
    }
}
