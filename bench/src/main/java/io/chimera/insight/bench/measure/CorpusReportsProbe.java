package io.chimera.insight.bench.measure;

import io.chimera.insight.app.wiring.ServiceFactory;
import io.chimera.insight.bench.kafka.TopicReader;
import io.chimera.insight.bench.pipeline.BenchPipeline;
import io.chimera.insight.bench.pipeline.ReportTracker;
import io.chimera.insight.events.AnalysisResult;
import io.chimera.insight.localstack.worker.OllamaSimulator;
import io.chimera.insight.platform.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;

/**
 * The corpus, aggregated, on to its reports: analysis and report services start on the pipeline
 * and the probe waits until each model's report covers all of its runs, then counts the LLM
 * calls the worker served and reads the prompt size of each analysis.
 */
public final class CorpusReportsProbe {

    /**
     * @param reports      reports written
     * @param llmCalls     generating calls the worker received
     * @param promptTokens the prompt size (the analysis's token estimate) of each analysis
     */
    public record Result(int reports, int llmCalls, List<Double> promptTokens) {
        public double callsPerReport() {
            return reports == 0 ? 0 : (double) llmCalls / reports;
        }
    }

    private CorpusReportsProbe() {
    }

    public static Result run(BenchPipeline pipeline, OllamaSimulator worker, ServiceFactory.LlmTarget llm,
                             Path reportsDir, Map<String, Long> runsByModel, Duration timeout, IntConsumer onCovered)
            throws TimeoutException {
        int callsBefore = worker.callCount();
        try (ReportTracker reports = new ReportTracker(pipeline.kafka())) {
            pipeline.startAnalysis(llm);
            pipeline.startReport(reportsDir);
            ReportWait.untilCovered(pipeline, reports, runsByModel, timeout, onCovered);
            int calls = worker.callCount() - callsBefore;
            List<Double> prompts = TopicReader.readAll(pipeline.kafka(), Topics.ANALYSIS_RESULTS,
                            Duration.ofSeconds(30)).stream()
                    .map(TopicReader.Timestamped::value)
                    .map(AnalysisResult::getPromptTokens)
                    .map(Integer::doubleValue)
                    .toList();
            return new Result(reports.total(), calls, prompts);
        }
    }
}
