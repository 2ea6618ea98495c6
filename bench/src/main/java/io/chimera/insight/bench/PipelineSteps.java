package io.chimera.insight.bench;

import io.chimera.insight.aggregate.topology.AggregationSettings;
import io.chimera.insight.bench.corpus.CorpusGenerator;
import io.chimera.insight.bench.corpus.GeneratedCorpus;
import io.chimera.insight.bench.corpus.ModelNames;
import io.chimera.insight.bench.kafka.TopicReader;
import io.chimera.insight.bench.measure.BurstProbe;
import io.chimera.insight.bench.measure.CorpusReportsProbe;
import io.chimera.insight.bench.measure.LagProbe;
import io.chimera.insight.bench.measure.RequestTemplate;
import io.chimera.insight.bench.pipeline.BenchPipeline;
import io.chimera.insight.bench.result.Figure;
import io.chimera.insight.bench.result.Percentiles;
import io.chimera.insight.bench.result.Units;
import io.chimera.insight.events.AnalysisRequest;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.ingest.scan.CorpusScanner;
import io.chimera.insight.ingest.watch.WatchOptions;
import io.chimera.insight.platform.kafka.read.ConfigMetricsView;
import io.chimera.insight.platform.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The end-to-end half of a bench run, with the instant simulated worker: the corpus's reports
 * (LLM calls and prompt size per report), the lag of single files, and a one-model burst.
 */
final class PipelineSteps {

    private static final Duration REPORTS_TIMEOUT = Duration.ofMinutes(10);

    private final BenchContext ctx;
    private final BenchProgress progress;

    PipelineSteps(BenchContext ctx) {
        this.ctx = ctx;
        this.progress = ctx.progress();
    }

    /**
     * The corpus's reports; returns the analysis requests the aggregation made, as templates for
     * the analysis measures.
     */
    List<RequestTemplate> corpusReports(ThroughputSteps.MainCorpus main) throws Exception {
        int models = main.runsByModel().size();
        progress.begin("reports of the corpus: " + models + " models (worker: 0 ms TTFT)");
        try (BenchPipeline pipeline = main.pipeline()) {
            CorpusReportsProbe.Result result = CorpusReportsProbe.run(pipeline, ctx.worker(),
                    BenchContext.target(ctx.worker()), ctx.workDir().resolve("reports-main"), main.runsByModel(),
                    REPORTS_TIMEOUT, covered -> progress.update("reports: " + covered + "/" + models + " models"));
            Percentiles prompts = new Percentiles(result.promptTokens());
            progress.result(result.reports() + " reports, " + result.llmCalls() + " LLM calls; prompt tokens p50 "
                    + Units.count(prompts.at(50)) + ", max " + Units.count(prompts.max()));
            ctx.add(Figure.exactly("LLM calls per report (" + result.llmCalls() + " calls, " + result.reports()
                            + " reports)", Units.decimal(result.callsPerReport()), result.callsPerReport(), 1.0, "1"));
            ctx.add(Figure.info("prompt tokens per report, p50 / max (the analysis's estimate; num_ctx "
                    + Units.count(BenchContext.NUM_CTX) + ")", Units.count(prompts.at(50)) + " / "
                    + Units.count(prompts.max())));
            List<AnalysisRequest> requests = TopicReader.readAll(pipeline.kafka(), Topics.ANALYSIS_REQUESTS,
                    Duration.ofSeconds(30)).stream().map(TopicReader.Timestamped::value).toList();
            // The requests carry no configurations (the aggregation puts them on config-metrics): the templates
            // keep them, and the analysis measures publish them under each model name they replay.
            List<RequestTemplate> templates = new ArrayList<>();
            try (ConfigMetricsView configs = ConfigMetricsView.of(pipeline.kafka(), "bench-request-templates")) {
                for (AnalysisRequest request : requests) {
                    ModelMetrics whole = configs.complete(request.getMetrics(), Duration.ofSeconds(30)).metrics();
                    templates.add(RequestTemplate.of(request, whole.getConfigs()));
                }
            }
            return templates;
        }
    }

    void lag() throws Exception {
        BenchOptions options = ctx.options();
        progress.begin("end-to-end lag: " + options.lagSamples() + " files, one at a time (debounce "
                + options.lagDebounce().toMillis() + " ms, watcher settle " + options.settle().toMillis() + " ms)");
        AggregationSettings aggregation = ctx.options().aggregation().withDebounce(options.lagDebounce());
        try (BenchPipeline pipeline = ctx.pipeline("bench.lag.")) {
            pipeline.startAggregation(aggregation);
            pipeline.startAnalysis(BenchContext.target(ctx.worker()));
            pipeline.startReport(ctx.workDir().resolve("reports-lag"));
            LagProbe.Result result = LagProbe.run(pipeline, ctx.ingestor(), ctx.workDir(), ModelNames.first(4),
                    options.lagSamples(), options.settle(), options.seed() + 1, Duration.ofSeconds(60),
                    done -> progress.update("sample " + done + "/" + options.lagSamples()));
            Percentiles lags = new Percentiles(result.lagsMs());
            progress.result("p50 " + Units.millis(lags.at(50)) + ", p95 " + Units.millis(lags.at(95)) + ", p99 "
                    + Units.millis(lags.at(99)));
            String how = " (file on disk → report event; settle " + options.settle().toMillis() + " ms, debounce "
                    + options.lagDebounce().toMillis() + " ms)";
            ctx.add(Figure.atMost("end-to-end lag p50" + how, Units.millis(lags.at(50)), lags.at(50), 1000, "≤ 1 s"));
            ctx.add(Figure.info("end-to-end lag p95", Units.millis(lags.at(95))));
            ctx.add(Figure.atMost("end-to-end lag p99", Units.millis(lags.at(99)), lags.at(99), 2000, "≤ 2 s"));
            ctx.note(String.format("Lag: %d files renamed one at a time into a folder watched by the ingest "
                            + "service of `chimera up` (FolderWatcher, settle %d ms), 4 models in turn, aggregation "
                            + "debounce %d ms and the other aggregation defaults (punctuation every %d ms), worker "
                            + "at 0 ms TTFT; from the rename to the ReportGenerated event read from the reports "
                            + "topic. The product's defaults (settle %d ms, debounce %d ms) add about %d ms.",
                    options.lagSamples(), options.settle().toMillis(), options.lagDebounce().toMillis(),
                    aggregation.punctuateInterval().toMillis(), WatchOptions.DEFAULT_SETTLE.toMillis(),
                    AggregationSettings.DEFAULT_DEBOUNCE.toMillis(),
                    WatchOptions.DEFAULT_SETTLE.plus(AggregationSettings.DEFAULT_DEBOUNCE)
                            .minus(options.settle()).minus(options.lagDebounce()).toMillis()));
        }
    }

    void burst() throws Exception {
        BenchOptions options = ctx.options();
        String model = ModelNames.first(1).get(0);
        progress.begin("a burst of " + options.burstFiles() + " files of " + model + " (default debounce "
                + AggregationSettings.DEFAULT_DEBOUNCE.toMillis() + " ms, max delay "
                + AggregationSettings.DEFAULT_MAX_DELAY.toSeconds() + " s)");
        Path root = ctx.workDir().resolve("burst");
        GeneratedCorpus corpus = new CorpusGenerator(options.seed() + 2).burst(root, options.burstFiles(), model,
                done -> { });
        try (BenchPipeline pipeline = ctx.pipeline("bench.burst.")) {
            pipeline.startAggregation(ctx.options().aggregation());
            pipeline.startAnalysis(BenchContext.target(ctx.worker()));
            pipeline.startReport(ctx.workDir().resolve("reports-burst"));
            Duration listen = AggregationSettings.DEFAULT_DEBOUNCE.plusSeconds(3);
            BurstProbe.Result result = BurstProbe.run(pipeline, ctx.worker(), ctx.ingestor(),
                    new CorpusScanner().scan(root), model, listen, REPORTS_TIMEOUT,
                    done -> progress.update("published " + done + "/" + options.burstFiles() + " files"));
            progress.result(result.llmCalls() + " LLM call(s), " + result.reports() + " report(s) for "
                    + Units.count(result.runs()) + " runs published in " + Units.seconds(result.ingest().toNanos() / 1e9));
            String name = String.format("LLM calls for a burst of %,d files (%,d runs) of one model", result.files(),
                    result.runs());
            ctx.add(Figure.exactly(name, Integer.toString(result.llmCalls()), result.llmCalls(), 1, "1"));
            ctx.note(String.format("Burst: %,d files of %s (%,d runs; the generator wrote %,d) published in %s "
                            + "with the default debounce and max delay; after the report covering every run the probe "
                            + "listened %d s more for late calls.", result.files(), model, result.runs(), corpus.runs(),
                    Units.seconds(result.ingest().toNanos() / 1e9), listen.toSeconds()));
        }
    }
}
