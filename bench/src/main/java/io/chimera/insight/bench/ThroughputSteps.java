package io.chimera.insight.bench;

import io.chimera.insight.bench.corpus.CorpusGenerator;
import io.chimera.insight.bench.corpus.GeneratedCorpus;
import io.chimera.insight.bench.corpus.ModelNames;
import io.chimera.insight.bench.kafka.RecordTape;
import io.chimera.insight.bench.kafka.Throughput;
import io.chimera.insight.bench.measure.AggregationProbe;
import io.chimera.insight.bench.measure.IngestProbe;
import io.chimera.insight.bench.measure.IngestTape;
import io.chimera.insight.bench.pipeline.BenchPipeline;
import io.chimera.insight.bench.result.Figure;
import io.chimera.insight.bench.result.Units;
import io.chimera.insight.ingest.scan.CorpusScanner;
import io.chimera.insight.ingest.scan.ScannedFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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

    private IngestProbe.Result ingest(List<ScannedFile> files, BenchPipeline main, IngestTape.Summary tape,
                                      Throughput producer) {
        progress.begin("ingest: " + files.size() + " files (parallel readers, shared transactions)");
        IngestProbe.Result result = IngestProbe.run(files, ctx.ingestor(), main.publisher("bench-ingest"),
                ctx.options().ingest(), done -> every(done, 50, "published " + done + "/" + files.size() + " files"));
        double recordsPerSecond = tape.records() / result.seconds();
        double ratio = recordsPerSecond / producer.recordsPerSecond();
        progress.result(Units.rate(result.filesPerSecond(), "files") + ", " + Units.rate(result.runsPerSecond(), "runs")
                + ", " + Units.rate(recordsPerSecond, "records") + "; " + Units.ratio(ratio) + " of the raw producer; "
                + result.coresBusy());
        ctx.add(Figure.info("ingest: files/s", Units.rate(result.filesPerSecond(), "files") + " ("
                + result.coresBusy() + ")"));
        ctx.add(Figure.info("ingest: runs/s", Units.rate(result.runsPerSecond(), "runs") + " ("
                + Units.rate(recordsPerSecond, "records") + ")"));
        ctx.add(Figure.atLeast("ingest ÷ raw producer (records/s)", Units.ratio(ratio), ratio, 0.8, "≥ 0.8"));
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

    private void every(int done, int step, String line) {
        if (done % step == 0) {
            progress.update(line);
        }
    }
}
