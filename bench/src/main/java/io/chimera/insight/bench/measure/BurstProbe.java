package io.chimera.insight.bench.measure;

import io.chimera.insight.app.wiring.IngestPass;
import io.chimera.insight.bench.pipeline.BenchPipeline;
import io.chimera.insight.bench.pipeline.ReportTracker;
import io.chimera.insight.ingest.FileIngestor;
import io.chimera.insight.ingest.scan.ScannedFile;
import io.chimera.insight.localstack.worker.OllamaSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;

/**
 * A burst of files about one model, published as fast as ingest goes, with the product's default
 * debounce: the debounce exists so that such a burst costs one LLM call, not one per file. After
 * the report covering every run, the probe keeps listening for a while longer so a late extra
 * analysis would be counted too.
 */
public final class BurstProbe {

    /**
     * @param files    files in the burst
     * @param runs     runs they hold
     * @param ingest   how long publishing them took
     * @param llmCalls generating calls the worker received for the burst
     * @param reports  reports written for the model
     */
    public record Result(int files, long runs, Duration ingest, int llmCalls, int reports) {
    }

    private BurstProbe() {
    }

    /** The pipeline's aggregation, analysis and report services must be running. */
    public static Result run(BenchPipeline pipeline, OllamaSimulator worker, FileIngestor ingestor,
                             List<ScannedFile> files, String model, Duration listenAfter, Duration timeout,
                             IntConsumer onFile) throws TimeoutException {
        int callsBefore = worker.callCount();
        try (ReportTracker reports = new ReportTracker(pipeline.kafka())) {
            long start = System.nanoTime();
            IngestPass.Tally tally = new IngestPass(ingestor, pipeline.publisher("bench-burst-ingest"))
                    .publishAll(files, onFile);
            Duration ingest = Duration.ofNanos(System.nanoTime() - start);
            long runs = tally.runsByModel().getOrDefault(model, 0L);
            ReportWait.untilCovered(pipeline, reports, Map.of(model, runs), timeout, covered -> { });
            long listenUntil = System.nanoTime() + listenAfter.toNanos();
            while (System.nanoTime() < listenUntil) {
                reports.poll(Duration.ofMillis(100));
            }
            return new Result(tally.files(), runs, ingest, worker.callCount() - callsBefore, reports.count(model));
        }
    }
}
