package io.chimera.insight.app.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.app.wiring.IngestPass;
import io.chimera.insight.events.LlmFailureKind;
import io.chimera.insight.events.ReportGenerated;
import io.chimera.insight.events.ReportStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSummaryTest {

    private static final String URL = "http://gpu-1:11434";

    @TempDir
    Path reports;

    @Test
    void aWorkerThatAnsweredWithAnErrorIsQuotedAndNotToldToStart() {
        String err = warnings(Map.of(
                "a", report("a", ReportStatus.NARRATIVE_PENDING, LlmFailureKind.SERVER_ERROR,
                        "HTTP 500: CUDA error: out of memory"),
                "b", report("b", ReportStatus.NARRATIVE_PENDING, LlmFailureKind.SERVER_ERROR,
                        "HTTP 500: CUDA error: out of memory")));

        assertThat(err).isEqualTo("warning: the LLM worker at " + URL + " failed: server error (HTTP 500: CUDA error: "
                + "out of memory); 2 report(s) were written from the data with the narrative pending.\n");
        assertThat(err).doesNotContain("Start one", "no LLM worker answered");
    }

    @Test
    void onlyAnUnreachableWorkerIsToldToStart() {
        String err = warnings(Map.of(
                "a", report("a", ReportStatus.NARRATIVE_PENDING, LlmFailureKind.UNREACHABLE, "Connection refused"),
                "b", report("b", ReportStatus.NARRATIVE_PENDING, LlmFailureKind.STALLED, "no chunk for 30000 ms")));

        assertThat(err).contains("warning: no LLM worker answered at " + URL + "; 1 report(s) were written from the "
                + "data with the narrative pending. Start one (ollama serve; ollama pull gemma3) or pass --llm URL.\n");
        assertThat(err).contains("warning: the LLM worker at " + URL + " failed: stalled (no chunk for 30000 ms); "
                + "1 report(s)");
    }

    @Test
    void aFailedNarrativeSaysWhatTheWorkerSent() {
        String err = warnings(Map.of("a", report("a", ReportStatus.NARRATIVE_FAILED, LlmFailureKind.SERVER_ERROR,
                "HTTP 400: invalid format")));

        assertThat(err).isEqualTo("warning: the LLM worker at " + URL + " answered with an error for 1 report(s): "
                + "server error (HTTP 400: invalid format); see the status line of those reports.\n");
    }

    @Test
    void aReportNotWrittenIsListedWithItsErrorAndNotCountedAsAReport() {
        IngestPass.Tally tally = new IngestPass.Tally(1, 1, 0, 2, 0, 0, 0, Map.of("a", 1L, "b", 1L), List.of());
        ReportGenerated blocked = ReportGenerated.newBuilder(report("b", ReportStatus.COMPLETE, null, null))
                .setWriteError("FileSystemException /r/b/latest.md: No space left on device").build();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        RunSummary summary = new RunSummary(tally, 0, Map.of("a", report("a", ReportStatus.COMPLETE, null, null),
                "b", blocked), List.of(), reports, Duration.ofSeconds(1), URL, URI.create("http://x/metrics"));
        summary.print(new PrintWriter(out), new PrintWriter(err));

        assertThat(out.toString()).contains("reports: 1 (", "not written: 1\n",
                "narratives: 1 complete, 0 pending, 0 failed\n");
        assertThat(err.toString()).isEqualTo(
                "error: report not written: b: FileSystemException /r/b/latest.md: No space left on device\n");
        assertThat(summary.notWrittenModels()).isEqualTo("b");
        assertThat(summary.missingModels()).isEqualTo("b");
    }

    private String warnings(Map<String, ReportGenerated> byModel) {
        IngestPass.Tally tally = new IngestPass.Tally(1, 1, 0, 2, 0, 0, 0, Map.of("a", 1L, "b", 1L), List.of());
        StringWriter err = new StringWriter();
        new RunSummary(tally, 0, byModel, List.of(), reports, Duration.ofSeconds(1), URL, URI.create("http://x/metrics"))
                .print(new PrintWriter(new StringWriter()), new PrintWriter(err));
        return err.toString();
    }

    private static ReportGenerated report(String model, ReportStatus status, LlmFailureKind kind, String said) {
        return ReportGenerated.newBuilder().setModel(model).setRuns(1).setStatus(status).setFailureKind(kind)
                .setFailureDetail(said).build();
    }
}
