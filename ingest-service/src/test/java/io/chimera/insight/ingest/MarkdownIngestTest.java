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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownIngestTest {

    private static final String RUN_REPORT = """
            # Gemma sweep

            Model: gemma3:270m
            Configuration: `num_gpu=999, num_ctx=2048, temperature=0.6000000238418579`

            ## Runs

            | Prompt | TTFT (ms) | Tokens/s | Eval Count |
            |---|---|---|---|
            | banter | 1,148.5 | 278.8 | 410 |
            | quote | **59.4** | 290.7 | 681 |

            ## Wrap-up

            - Throughput: 41.89 tok/s
            - TTFT: 0.35 s
            - Notes: measured on a laptop
            - Latency: 99.16 ± 0.25 ms

            ```
            Throughput: 1 tok/s
            ```
            """;

    @TempDir
    Path dir;

    @Test
    void tableRowsUnderAModelLineAreRunsWithTheSectionConfiguration() throws IOException {
        IngestedFile file = ingestText("sweep.md", RUN_REPORT);

        assertThat(file.file().getFormat()).isEqualTo(FileFormat.MARKDOWN);
        assertThat(file.file().getStatus()).isEqualTo(FileStatus.ACCEPTED);
        BenchmarkRun first = run(file, "line 10");
        assertThat(first.getKind()).isEqualTo(RecordKind.RUN);
        assertThat(first.getModel()).isEqualTo("gemma3:270m");
        assertThat(first.getConfig()).containsOnly(entry("num_gpu", "999"), entry("num_ctx", "2048"),
                entry("temperature", "0.6"));
        assertThat(first.getMetrics()).containsOnly(
                entry("ttft_ms", metric(1148.5, "ms", "TTFT (ms)")),
                entry("tokens_per_s", metric(278.8, "tokens/s", "Tokens/s")),
                entry("eval_count", metric(410, "tokens", "Eval Count")));
        assertThat(run(file, "line 11").getMetrics().get("ttft_ms")).isEqualTo(metric(59.4, "ms", "TTFT (ms)"));
        assertThat(file.file().getRunCount()).isEqualTo(2);
    }

    @Test
    void keyValueFiguresOfASectionFormOneSummaryAndProseOrCodeIsNotRead() throws IOException {
        IngestedFile file = ingestText("sweep.md", RUN_REPORT);

        BenchmarkRun figures = run(file, "line 15");
        assertThat(figures.getKind()).isEqualTo(RecordKind.SUMMARY);
        assertThat(figures.getModel()).isEqualTo("gemma3:270m");
        assertThat(figures.getMetrics()).containsOnly(
                entry("tokens_per_s", metric(41.89, "tokens/s", "Throughput")),
                entry("ttft_ms", metric(350, "ms", "TTFT")));
        assertThat(file.file().getSummaryCount()).as("'99.16 ± 0.25 ms' and the code block are not figures")
                .isEqualTo(1);
    }

    @Test
    void tableWithoutAModelIsASummaryEvenWithoutSummaryWords() throws IOException {
        IngestedFile file = ingestText("gemma3_report.md", """
                ## Per-prompt results

                | Prompt | TTFT (s) | Tokens/s |
                | --- | --- | --- |
                | a | 0.344 | 102.34 |
                """);

        BenchmarkRun row = run(file, "line 5");
        assertThat(row.getKind()).isEqualTo(RecordKind.SUMMARY);
        assertThat(row.getModel()).isEqualTo("gemma3");
        assertThat(row.getMetrics()).containsOnly(
                entry("ttft_ms", metric(344, "ms", "TTFT (s)")),
                entry("tokens_per_s", metric(102.34, "tokens/s", "Tokens/s")));
    }

    @Test
    void tablesUnderSummaryHeadingsOrComparingModelsAreSummariesAndMetricRowsAreSkipped() throws IOException {
        IngestedFile file = ingestText("report.md", """
                # Results

                ## Top configurations

                | model | num_gpu | Tokens/s |
                | --- | --- | --- |
                | gemma3:1b | 80 | 187.2 |
                | gemma3:1b | 60 | 186.1 |

                ## Memory

                | Model | Throughput (tok/s) |
                | --- | --- |
                | gemma3:270m | 303.9 |
                | llama3.1:8b | 78.42 |

                ## Comparison table

                | Metric | Gemma3 | Llama |
                | --- | --- | --- |
                | Tokens/s | 102.85 | 76.59 |
                """);

        assertThat(file.file().getRunCount()).isZero();
        assertThat(file.file().getSummaryCount()).isEqualTo(4);
        assertThat(run(file, "line 7").getConfig()).containsOnly(entry("num_gpu", "80"));
        assertThat(run(file, "line 14").getModel()).isEqualTo("gemma3:270m");
        assertThat(file.file().getWarnings()).contains("table at line 19 lists metrics as rows; not read");
    }

    @Test
    void corpusLessonsTableWithMeanColumnsIsASummaryPerModel() {
        IngestedFile file = TestCorpus.ingest("reports/ollama/prompt_suite_lessons_20251002.md");

        // | `llama3.1:8b-instruct-q4_0` | **0.651** | **77.62** | Warm-up hit first prompt ... |
        BenchmarkRun q4 = run(file, "line 12");
        assertThat(q4.getKind()).isEqualTo(RecordKind.SUMMARY);
        assertThat(q4.getModel()).isEqualTo("llama3.1:8b-instruct-q4_0");
        assertThat(q4.getMetrics()).containsOnly(
                entry("ttft_ms", metric(651, "ms", "Mean TTFT (s)")),
                entry("tokens_per_s", metric(77.62, "tokens/s", "Mean Tokens/s")));
        assertThat(file.file().getRunCount()).isZero();
        assertThat(file.file().getSummaryCount()).isEqualTo(3);
    }

    @Test
    void corpusSummaryReportGivesOnlySummaries() {
        IngestedFile file = TestCorpus.ingest("reports/ollama/ollama_benchmark_summary.md");

        assertThat(file.file().getRunCount()).isZero();
        // "- Tokens per second: 7.90" on line 4
        assertThat(run(file, "line 4").getMetrics())
                .containsOnly(entry("tokens_per_s", metric(7.9, "tokens/s", "Tokens per second")));
    }

    @Test
    void corpusDeepDiveTopConfigurationsTableGivesSummariesWithTheirConfigs() {
        IngestedFile file = TestCorpus.ingest("reports/gemma3/Gemma3_Benchmark_Report.md");

        // line 53 under "### Top 10 Configurations (Ranked by Throughput)":
        // | g999_c4096_t0.4 | 999 | 4096 | 0.4 | 102.31 | 0.128 | 0.116 |
        BenchmarkRun best = run(file, "line 53");
        assertThat(best.getKind()).isEqualTo(RecordKind.SUMMARY);
        assertThat(best.getModel()).as("no Model: line; from the file name").isEqualTo("gemma3");
        assertThat(best.getConfig()).containsOnly(entry("num_gpu", "999"), entry("num_ctx", "4096"),
                entry("temperature", "0.4"));
        assertThat(best.getMetrics()).containsOnly(
                entry("tokens_per_s", metric(102.31, "tokens/s", "Tokens/s")),
                entry("ttft_ms", metric(128, "ms", "TTFT (s)")),
                entry("load_duration_ms", metric(116, "ms", "Load (s)")));
        // line 35, "### Per-Prompt Performance": | Mission failure encouragement | 0.344 | 102.34 | 883 | 3,503 |
        assertThat(run(file, "line 35").getMetrics()).containsOnly(
                entry("ttft_ms", metric(344, "ms", "TTFT (s)")),
                entry("tokens_per_s", metric(102.34, "tokens/s", "Tokens/s")),
                entry("eval_count", metric(883, "tokens", "Eval Count")),
                entry("response_chars", metric(3503, "chars", "Response Chars")));
        // line 340, the model comparison: | **gemma3:270m** | 291 MB | 303.9 tok/s | 0.06s | ... |
        assertThat(run(file, "line 340").getModel()).isEqualTo("gemma3:270m");
        assertThat(file.file().getRunCount()).as("a report of figures, not of runs").isZero();
        assertThat(file.file().getStatus()).isEqualTo(FileStatus.ACCEPTED);
    }

    @Test
    void proseWithoutFiguresIsEmpty() throws IOException {
        IngestedFile file = ingestText("notes.md", "# Notes\n\nWe ran it twice; it was fast.\n");

        assertThat(file.file().getStatus()).isEqualTo(FileStatus.EMPTY);
        assertThat(file.deadLetters()).isEmpty();
    }

    private IngestedFile ingestText(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return TestCorpus.ingestor().ingest(dir, file);
    }
}
