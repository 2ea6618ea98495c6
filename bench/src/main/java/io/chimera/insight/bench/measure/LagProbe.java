package io.chimera.insight.bench.measure;

import io.chimera.insight.bench.corpus.CorpusGenerator;
import io.chimera.insight.bench.corpus.FileShape;
import io.chimera.insight.bench.corpus.GeneratedFile;
import io.chimera.insight.bench.pipeline.BenchPipeline;
import io.chimera.insight.bench.pipeline.ReportTracker;
import io.chimera.insight.events.ReportGenerated;
import io.chimera.insight.ingest.FileIngestor;
import io.chimera.insight.app.wiring.ServiceFactory;
import io.chimera.insight.ingest.IngestService;
import io.chimera.insight.ingest.IngestTuning;
import io.chimera.insight.ingest.watch.WatchOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;

/**
 * End-to-end lag as a rig sees it: a result file lands complete in a folder watched by the ingest
 * service (renamed into place), and the clock runs until the {@code ReportGenerated}
 * event of a report covering its runs is read from the reports topic. Files come one at a time,
 * models taking turns, so each sample is one file's own lag, not a queue's.
 *
 * <p>The pipeline's other services must be running; the probe adds the ingest service.
 */
public final class LagProbe {

    /** Per sample, file complete on disk to report event read, in milliseconds. */
    public record Result(List<Double> lagsMs) {
    }

    private static final FileShape[] SHAPES = Arrays.stream(FileShape.values())
            .filter(s -> !s.bad() && s != FileShape.SUMMARY_CSV).toArray(FileShape[]::new);

    private LagProbe() {
    }

    public static Result run(BenchPipeline pipeline, FileIngestor ingestor, Path workDir, List<String> models,
                             int samples, Duration settle, long seed, Duration timeoutPerSample,
                             IntConsumer onSample) throws IOException, TimeoutException {
        Path watched = Files.createDirectories(workDir.resolve("lag-watched"));
        Path staging = Files.createDirectories(workDir.resolve("lag-staging"));
        IngestService ingest = pipeline.closeWith(pipeline.factory().ingest(
                new ServiceFactory.IngestTarget(ingestor, IngestTuning.defaults(), "bench-lag-ingest"),
                List.of(watched), WatchOptions.defaults().withSettle(settle), outcome -> { }));
        ingest.start();
        CorpusGenerator generator = new CorpusGenerator(seed);
        Map<String, Long> expected = new HashMap<>();
        List<Double> lags = new ArrayList<>();
        try (ReportTracker reports = new ReportTracker(pipeline.kafka())) {
            for (int i = 0; i < samples; i++) {
                String model = models.get(i % models.size());
                GeneratedFile file = generator.one(staging.resolve("s" + i), i, model, SHAPES[i % SHAPES.length]);
                long runs = expected.merge(model, (long) file.runs(), Long::sum);
                Path target = watched.resolve(staging.relativize(file.path()));
                Files.createDirectories(target.getParent());
                Files.move(file.path(), target, StandardCopyOption.ATOMIC_MOVE);
                long complete = System.nanoTime();
                awaitReport(pipeline, reports, model, runs, timeoutPerSample);
                lags.add((System.nanoTime() - complete) / 1e6);
                onSample.accept(i + 1);
            }
        }
        return new Result(lags);
    }

    private static void awaitReport(BenchPipeline pipeline, ReportTracker reports, String model, long runs,
                                    Duration timeout) throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            reports.poll(Duration.ofMillis(5));
            Optional<ReportGenerated> latest = reports.latest(model);
            if (latest.isPresent() && latest.get().getRuns() >= runs) {
                return;
            }
            if (System.nanoTime() > deadline) {
                pipeline.requireRunning();
                throw new TimeoutException("no report of " + model + " covering " + runs + " runs within "
                        + timeout.toSeconds() + " s");
            }
        }
    }
}
