package io.chimera.insight.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownReportRendererTest {

    private final MarkdownReportRenderer renderer = new MarkdownReportRenderer();

    @Test
    void aPendingReportShowsTheFactsAndSaysWhyTheNarrativeIsMissing() {
        String md = renderer.render(ReportInput.of(ReportFixtures.pending()));

        assertThat(md).startsWith("# Benchmark report: gemma3:270m\n");
        assertThat(md).contains("narrative pending: no LLM worker answered (no LLM worker at http://localhost:11434");
        assertThat(md).contains("- Runs: 5 (1 failed) from 1 file(s)");
        assertThat(md).contains("| tokens\\_per\\_s | 4 | 290.5 | 6.25 | 278.8 | 291.2 | 299.1 | 299.1 | 299.2 | tokens/s |");
        assertThat(md).contains("| ttft\\_ms | 4 | 342.1 | 540 | 59.45 | 64.3 | 1148.5 | 1148.5 | 1148.5 | ms |");
        assertThat(md).contains("_Narrative pending._");
        assertThat(md).doesNotContain("## Key findings").doesNotContain("## Generation metrics");
        assertThat(md).contains("- `gemma3/gemma3_270m_param_tuning.csv`");
    }

    @Test
    void metricsComeBeforeConfigsAndTheBestConfigIsNamed() {
        String md = renderer.render(ReportInput.of(ReportFixtures.pending()));

        assertThat(md.indexOf("| tokens\\_per\\_s")).isLessThan(md.indexOf("| ttft\\_ms"));
        assertThat(md).contains("| num\\_ctx=1024, num\\_gpu=999 | 2 | 0 | 295 | 295 | – | – |");
        assertThat(md).contains("| num\\_ctx=2048, num\\_gpu=80 | 3 | 1 | 286 | 286 | – | – |");
        assertThat(md).contains("Best mean throughput: num\\_ctx=1024, num\\_gpu=999 at 295 tokens/s.");
    }

    @Test
    void aCompleteReportCarriesTheNarrativeEscapedAndFlagsUnverifiedNumbers() {
        String md = renderer.render(ReportInput.of(ReportFixtures.complete()));

        assertThat(md).contains("- Status: complete");
        assertThat(md).contains("## Summary\n\nThroughput is steady near 291.2 tokens/s.\n");
        assertThat(md).contains("- num\\_gpu=999 \\| num\\_ctx=1024 is fastest");
        assertThat(md).contains("| Cold start TTFT | Preload the model |");
        assertThat(md).contains("| http://127.0.0.1:11434 | gemma3:latest | 120.5 | 42 | 880 | 300 | 812 | – | – | – |");
        assertThat(md).contains("3 number(s) checked, 2 matched the data. **Unverified numbers**");
        assertThat(md).contains("- 999 tok/s in: It reached 999 tok/s.");
    }

    @Test
    void theSameInputRendersTheSameBytes() {
        assertThat(renderer.render(ReportInput.of(ReportFixtures.complete())))
                .isEqualTo(renderer.render(ReportInput.of(ReportFixtures.complete())));
    }
}
