package io.chimera.insight.platform.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.events.ChangeDirection;
import io.chimera.insight.events.ChangeEventKind;
import io.chimera.insight.events.FileStatus;
import io.chimera.insight.events.ReportStatus;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The series names and labels of deploy/METRICS.md, as Prometheus scrapes them. */
class PipelineMetricsTest {

    private final OpsRegistry ops = OpsRegistry.shared();

    @AfterEach
    void close() {
        ops.close();
    }

    @Test
    void aggregateCountsPerformanceChangesByDirectionAndKind() {
        PipelineMetrics aggregate = ops.pipeline("aggregate");

        aggregate.performanceChange(ChangeEventKind.CHANGE, ChangeDirection.REGRESSION);
        aggregate.performanceChange(ChangeEventKind.CHANGE, ChangeDirection.REGRESSION);
        aggregate.performanceChange(ChangeEventKind.RETRACTION, ChangeDirection.REGRESSION);

        String text = ops.scrape();
        assertThat(text)
                .contains("chimera_performance_changes_total{direction=\"REGRESSION\",kind=\"CHANGE\",service=\"aggregate\"} 2")
                .contains("chimera_performance_changes_total{direction=\"REGRESSION\",kind=\"RETRACTION\",service=\"aggregate\"} 1")
                .contains("chimera_performance_changes_total{direction=\"IMPROVEMENT\",kind=\"CHANGE\",service=\"aggregate\"} 0");
    }

    @Test
    void ingestCountsFilesByStatusRunsByOutcomeAndDeadLettersByStage() {
        PipelineMetrics ingest = ops.pipeline("ingest");

        ingest.fileIngested(FileStatus.ACCEPTED);
        ingest.fileIngested(FileStatus.ACCEPTED);
        ingest.fileIngested(FileStatus.PARTIAL);
        ingest.runsIngested(34, 2);
        ingest.deadLetter("ingest.parse");

        String text = ops.scrape();
        assertThat(text)
                .contains("chimera_ingest_files_total{service=\"ingest\",status=\"ACCEPTED\"} 2")
                .contains("chimera_ingest_files_total{service=\"ingest\",status=\"PARTIAL\"} 1")
                .contains("chimera_ingest_files_total{service=\"ingest\",status=\"REJECTED\"} 0")
                .contains("chimera_ingest_runs_total{outcome=\"ok\",service=\"ingest\"} 34")
                .contains("chimera_ingest_runs_total{outcome=\"failed\",service=\"ingest\"} 2")
                .contains("chimera_dead_letters_total{service=\"ingest\",stage=\"ingest.parse\"} 1")
                .contains("chimera_dead_letters_total{service=\"ingest\",stage=\"ingest.read\"} 0");
    }

    @Test
    void llmCallsFeedHistogramsPerWorkerAndInflightFollowsTheOpenCalls() {
        PipelineMetrics analyze = ops.pipeline("analyze");
        String worker = "http://gpu-1:11434";

        analyze.llmCall(worker, Duration.ofMillis(250), 42.0);
        analyze.llmCall(worker, null, null); // a call that never got a first token
        InFlight first = analyze.inflight(worker);
        InFlight second = analyze.inflight(worker);
        second.close();
        second.close(); // twice is once

        String text = ops.scrape();
        assertThat(text)
                .contains("chimera_llm_ttft_seconds_count{service=\"analyze\",worker=\"http://gpu-1:11434\"} 1")
                .contains("chimera_llm_ttft_seconds_sum{service=\"analyze\",worker=\"http://gpu-1:11434\"} 0.25")
                .contains("chimera_llm_ttft_seconds_bucket{service=\"analyze\",worker=\"http://gpu-1:11434\",le=\"0.246065832\"} 0")
                .contains("chimera_llm_ttft_seconds_bucket{service=\"analyze\",worker=\"http://gpu-1:11434\",le=\"0.268435456\"} 1")
                .contains("chimera_llm_ttft_seconds_bucket{service=\"analyze\",worker=\"http://gpu-1:11434\",le=\"120.0\"} 1")
                .contains("chimera_llm_tokens_per_second_bucket{service=\"analyze\",worker=\"http://gpu-1:11434\",le=\"30.0\"} 0")
                .contains("chimera_llm_tokens_per_second_bucket{service=\"analyze\",worker=\"http://gpu-1:11434\",le=\"50.0\"} 1")
                .contains("chimera_llm_tokens_per_second_count{service=\"analyze\",worker=\"http://gpu-1:11434\"} 1")
                .contains("chimera_llm_inflight{service=\"analyze\",worker=\"http://gpu-1:11434\"} 1");
        first.close();
        assertThat(ops.scrape()).contains("chimera_llm_inflight{service=\"analyze\",worker=\"http://gpu-1:11434\"} 0");
    }

    @Test
    void reportsAreCountedByStatusAndTheirLagLandsInTheHistogram() {
        PipelineMetrics report = ops.pipeline("report");

        report.reportWritten(ReportStatus.COMPLETE, Duration.ofSeconds(3));
        report.reportWritten(ReportStatus.NARRATIVE_PENDING, null);

        String text = ops.scrape();
        assertThat(text)
                .contains("chimera_reports_written_total{service=\"report\",status=\"COMPLETE\"} 1")
                .contains("chimera_reports_written_total{service=\"report\",status=\"NARRATIVE_PENDING\"} 1")
                .contains("chimera_reports_written_total{service=\"report\",status=\"NARRATIVE_FAILED\"} 0")
                .contains("chimera_report_lag_seconds_count{service=\"report\"} 1")
                .contains("chimera_report_lag_seconds_sum{service=\"report\"} 3")
                .contains("chimera_dead_letters_total{service=\"report\",stage=\"report\"} 0");
    }

    @Test
    void aServiceRegistryLabelsTheJvmMetersWithTheServiceToo() {
        try (OpsRegistry alone = OpsRegistry.forService("aggregate")) {
            alone.pipeline("aggregate");
            assertThat(alone.scrape())
                    .contains("chimera_dead_letters_total{service=\"aggregate\",stage=\"aggregate.decode\"} 0")
                    .containsPattern("jvm_memory_used_bytes\\{area=\"heap\",id=\"[^\"]+\",service=\"aggregate\"}");
        }
    }

    @Test
    void metricsNobodyReadsBindNoKafkaClient() {
        assertThat(PipelineMetrics.none("report").exported()).isFalse();
        assertThat(ops.pipeline("report").exported()).isTrue();
    }
}
