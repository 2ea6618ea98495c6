package io.chimera.insight.bench;

import io.chimera.insight.aggregate.topology.AggregationSettings;
import io.chimera.insight.bench.corpus.CorpusGenerator;
import io.chimera.insight.bench.corpus.GeneratedCorpus;
import io.chimera.insight.bench.corpus.ModelNames;
import io.chimera.insight.bench.kafka.RecordTape;
import io.chimera.insight.bench.kafka.Throughput;
import io.chimera.insight.bench.measure.AggregationProbe;
import io.chimera.insight.bench.measure.IngestProbe;
import io.chimera.insight.bench.measure.IngestTape;
import io.chimera.insight.bench.measure.WarmUp;
import io.chimera.insight.bench.pipeline.BenchPipeline;
import io.chimera.insight.bench.result.Figure;
import io.chimera.insight.bench.result.Units;
import io.chimera.insight.ingest.scan.CorpusScanner;
import io.chimera.insight.ingest.scan.ScannedFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The throughput half of a bench run: the corpus, the two raw-Kafka limits, then ingest and the
 * aggregation, each beside its limit.
 */
final class ThroughputSteps {

    /** The main pipeline after ingest and aggregation, ready for its reports. */
    record MainCorpus(BenchPipeline pipeline, Map<String, Long> runsByModel) {
    }

    static final String MAIN_PREFIX = "bench.main.";
    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    /** Pairs of aggregation runs, detection off then on, for its cost. */
    private static final int DETECTION_PAIRS = 2;

    private final BenchContext ctx;
    private final BenchProgress progress;

    ThroughputSteps(BenchContext ctx) {
        this.ctx = ctx;
        this.progress = ctx.progress();
    }

    MainCorpus run() throws Exception {
        BenchOptions options = ctx.options();
        progress.begin("generating a corpus of " + options.files() + " files about " + options.models() + " models");
        Path root = ctx.workDir().resolve("corpus");
        GeneratedCorpus corpus = new CorpusGenerator(options.seed()).mixed(root, options.files(),
                ModelNames.first(options.models()), done -> every(done, 200, "written " + done + " files"));
        progress.result(String.format("%,d files (%s), %,d runs (%,d failed), %d unusable files",
                corpus.files().size(), Units.bytes(corpus.bytes()), corpus.runs(), corpus.failedRuns(),
                corpus.badFiles()));
        ctx.note(String.format("Corpus: %,d files (%s) about %d models, %,d runs (%,d failed), %d unusable files "
                        + "(binary, UTF-16 error text, truncated JSON, empty); seed %d.", corpus.files().size(),
                Units.bytes(corpus.bytes()), options.models(), corpus.runs(), corpus.failedRuns(), corpus.badFiles(),
                options.seed()));
        List<ScannedFile> files = new CorpusScanner().scan(root);

        RecordTape tape = new RecordTape(ctx.workDir().resolve("records.tape"));
        IngestTape.Summary recorded = recordTape(files, tape);
        RawLimits.Limits limits = new RawLimits(ctx).measure(tape, recorded.records(), recorded.runRecords());

        BenchPipeline main = ctx.pipeline(MAIN_PREFIX);
        IngestProbe.Result ingest = ingest(files, main, recorded, limits.producer());
        aggregate(main, recorded, ingest, limits.loop());
        detectionCost(files, recorded);
        return new MainCorpus(main, ingest.tally().runsByModel());
    }

    private IngestTape.Summary recordTape(List<ScannedFile> files, RecordTape tape) throws Exception {
        progress.begin("reading and encoding the records ingest will send (no Kafka yet)");
        IngestTape.Summary summary;
        try (BenchPipeline names = ctx.pipeline(RawLimits.TAPE_PREFIX)) {
            summary = IngestTape.record(files, ctx.ingestor(), names.names(), names.serdes(), tape,
                    done -> every(done, 200, "encoded " + done + "/" + files.size() + " files"));
        }
        double filesPerSecond = files.size() / (summary.elapsed().toNanos() / 1e9);
        progress.result(String.format("%,d records, %s; read + parse + normalise + encode: %s",
                summary.records(), Units.bytes(summary.bytes()), Units.rate(filesPerSecond, "files")));
        ctx.note(String.format("Ingest's records for the corpus: %,d (%s of keys and values; %,d on benchmark-runs). "
                        + "Reading, parsing, normalising and encoding them without Kafka: %s on one thread.",
                summary.records(), Units.bytes(summary.bytes()), summary.runRecords(),
                Units.rate(filesPerSecond, "files")));
        return summary;
    }

    /**
     * Ingest {@value RawLimits#REPEATS} times, each into topics of its own, the last into the main
     * pipeline's (which the aggregation then reads); the median is the figure, as for the raw limits.
     */
    private IngestProbe.Result ingest(List<ScannedFile> files, BenchPipeline main, IngestTape.Summary tape,
                                      Throughput producer) throws Exception {
        progress.begin("ingest: " + files.size() + " files (parallel readers, shared transactions), "
                + RawLimits.REPEATS + " times");
        // Not measured, as the raw producer's warm-up: the first passes run while the JIT is still
        // compiling the readers' and publisher's paths (up to a core of compilation on this machine).
        WarmUp<IngestProbe.Result> warmUps = WarmUp.run(pass -> {
            try (BenchPipeline warm = ctx.pipeline("bench.ingest-warm" + pass + ".")) {
                return ingestOnce(files, warm, "bench-ingest-warm-" + pass, 0);
            }
        }, IngestProbe.Result::threads);
        ctx.note(warmUps.describe("Ingest warm-up: the corpus ingested", r -> tape.records() / r.seconds()));
        List<IngestProbe.Result> repeats = new ArrayList<>();
        for (int i = 1; i < RawLimits.REPEATS; i++) {
            try (BenchPipeline own = ctx.pipeline("bench.ingest" + i + ".")) {
                repeats.add(ingestOnce(files, own, "bench-ingest-" + i, i));
            }
        }
        IngestProbe.Result last = ingestOnce(files, main, "bench-ingest", RawLimits.REPEATS);
        repeats.add(last);
        IngestProbe.Result result = repeats.stream().sorted(Comparator.comparingDouble(IngestProbe.Result::filesPerSecond))
                .toList().get(repeats.size() / 2);
        String rates = repeats.stream().map(r -> Units.count(Math.round(tape.records() / r.seconds())))
                .collect(Collectors.joining(", "));
        double recordsPerSecond = tape.records() / result.seconds();
        double ratio = recordsPerSecond / producer.recordsPerSecond();
        progress.result(Units.rate(result.filesPerSecond(), "files") + ", " + Units.rate(result.runsPerSecond(), "runs")
                + ", " + Units.rate(recordsPerSecond, "records") + " (median of " + rates + "); " + Units.ratio(ratio)
                + " of the raw producer; " + result.coresBusy());
        ctx.add(Figure.info("ingest: files/s; median of " + RawLimits.REPEATS, Units.rate(result.filesPerSecond(),
                "files") + " (" + result.coresBusy() + ")"));
        ctx.add(Figure.info("ingest: runs/s", Units.rate(result.runsPerSecond(), "runs") + " ("
                + Units.rate(recordsPerSecond, "records") + "; repeats " + rates + " records/s)"));
        ctx.add(Figure.atLeast("ingest ÷ raw producer (records/s)", Units.ratio(ratio), ratio, 0.8, "≥ 0.8"));
        ctx.note("Ingest, the median repeat, cores by thread: " + result.threads().describe(6) + ".");
        ctx.note("Ingest: " + ctx.options().ingest().readers() + " reader threads, at most "
                + ctx.options().ingest().maxFilesPerTransaction() + " files per transaction; each repeat publishes "
                + "the whole corpus to topics of its own, the last to the topics the aggregation then reads.");
        return last;
    }

    private IngestProbe.Result ingestOnce(List<ScannedFile> files, BenchPipeline pipeline, String transactionalId,
                                          int repeat) {
        IngestProbe.Result result = IngestProbe.run(files, ctx.ingestor(), pipeline.publisher(transactionalId),
                ctx.options().ingest(), done -> every(done, 50, "repeat " + repeat + ": published " + done + "/"
                        + files.size() + " files"));
        progress.update("repeat " + repeat + ": " + Units.rate(result.filesPerSecond(), "files"));
        return result;
    }

    private void aggregate(BenchPipeline main, IngestTape.Summary tape, IngestProbe.Result ingest, Throughput loop)
            throws Exception {
        progress.begin("aggregation (Kafka Streams, exactly_once_v2) over the " + Units.count(tape.runRecords())
                + " benchmark-runs records");
        AggregationProbe.Result result = AggregationProbe.run(main, ctx.options().aggregation(), TIMEOUT,
                committed -> progress.update("committed " + Units.count(committed) + " offsets"));
        Duration elapsed = result.elapsed();
        double seconds = elapsed.toNanos() / 1e9;
        double recordsPerSecond = tape.runRecords() / seconds;
        double runsPerSecond = ingest.tally().runs() / seconds;
        double ratio = recordsPerSecond / loop.recordsPerSecond();
        progress.result(Units.rate(runsPerSecond, "runs") + " (" + Units.rate(recordsPerSecond, "records") + "); "
                + Units.ratio(ratio) + " of the raw loop; " + result.coresBusy());
        ctx.add(Figure.info("aggregation (exactly_once_v2): runs/s", Units.rate(runsPerSecond, "runs") + " ("
                + Units.rate(recordsPerSecond, "records") + "; " + result.coresBusy() + ")"));
        ctx.add(Figure.atLeast("aggregation ÷ raw loop (records/s)", Units.ratio(ratio), ratio, 0.5, "≥ 0.5"));
    }

    /**
     * What change detection costs the aggregation: its records/s with detection on ÷ off, the same
     * records, {@value #DETECTION_PAIRS} alternating pairs (off first), each run on a corpus ingested
     * into topics of its own beforehand (not timed), the medians compared. Debounce 200 ms and
     * max-delay 1 s (the product's are 2 s and 30 s), so that each busy model is evaluated about once a
     * second while its runs stream in, inside the timed window, rather than once after it ends: the
     * evaluations are counted, and more often than the defaults would make them.
     */
    private void detectionCost(List<ScannedFile> files, IngestTape.Summary tape) throws Exception {
        progress.begin("change detection's cost: the aggregation with it off and on, " + DETECTION_PAIRS
                + " pairs, debounce 200 ms, max-delay 1 s");
        AggregationSettings on = ctx.options().aggregation().withDebounce(Duration.ofMillis(200))
                .withMaxDelay(Duration.ofSeconds(1));
        AggregationSettings off = on.withChanges(on.changes().withEnabled(false));
        List<Double> onRates = new ArrayList<>();
        List<Double> offRates = new ArrayList<>();
        for (int i = 0; i < 2 * DETECTION_PAIRS; i++) {
            boolean detecting = i % 2 == 1;
            try (BenchPipeline pipeline = ctx.pipeline("bench.detect" + i + ".")) {
                ingestOnce(files, pipeline, "bench-detect-" + i, i);
                AggregationProbe.Result result = AggregationProbe.run(pipeline, detecting ? on : off, TIMEOUT,
                        committed -> progress.update((detecting ? "on" : "off") + ": committed "
                                + Units.count(committed) + " offsets"));
                double recordsPerSecond = tape.runRecords() / (result.elapsed().toNanos() / 1e9);
                (detecting ? onRates : offRates).add(recordsPerSecond);
                progress.update((detecting ? "on: " : "off: ") + Units.rate(recordsPerSecond, "records") + "; "
                        + result.coresBusy());
            }
        }
        double onMedian = median(onRates);
        double offMedian = median(offRates);
        double ratio = onMedian / offMedian;
        String runs = "on " + rates(onRates) + ", off " + rates(offRates) + " records/s";
        progress.result(Units.ratio(ratio) + " (" + runs + ")");
        ctx.add(Figure.atLeast("aggregation with change detection ÷ without (records/s)", Units.ratio(ratio), ratio,
                0.8, "≥ 0.8"));
        ctx.note("Change detection's cost: the aggregation on the same " + Units.count(tape.runRecords())
                + " benchmark-runs records with --change-detection on and off, " + DETECTION_PAIRS
                + " alternating pairs, debounce 200 ms and max-delay 1 s so that models are evaluated while runs "
                + "stream in; medians compared (" + runs + ").");
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String rates(List<Double> values) {
        return values.stream().map(v -> Units.count(Math.round(v))).collect(Collectors.joining(", "));
    }

    private void every(int done, int step, String line) {
        if (done % step == 0) {
            progress.update(line);
        }
    }
}
