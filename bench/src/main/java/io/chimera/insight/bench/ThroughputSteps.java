package io.chimera.insight.bench;

import io.chimera.insight.aggregate.topology.AggregationSettings;
import io.chimera.insight.bench.corpus.CorpusGenerator;
import io.chimera.insight.bench.corpus.GeneratedCorpus;
import io.chimera.insight.bench.corpus.ModelNames;
import io.chimera.insight.bench.kafka.RecordTape;
import io.chimera.insight.bench.kafka.Throughput;
import io.chimera.insight.bench.measure.AggregationProbe;
import io.chimera.insight.bench.measure.Heap;
import io.chimera.insight.bench.measure.IngestProbe;
import io.chimera.insight.bench.measure.IngestTape;
import io.chimera.insight.bench.measure.MinimalAggregateProbe;
import io.chimera.insight.bench.measure.ParseOnlyProbe;
import io.chimera.insight.bench.measure.RunPair;
import io.chimera.insight.bench.measure.WarmUp;
import io.chimera.insight.bench.pipeline.BenchPipeline;
import io.chimera.insight.bench.result.AbbaOrder;
import io.chimera.insight.bench.result.Figure;
import io.chimera.insight.bench.result.PairedRatios;
import io.chimera.insight.bench.result.SharedCpuLimit;
import io.chimera.insight.bench.result.Units;
import io.chimera.insight.ingest.scan.CorpusScanner;
import io.chimera.insight.ingest.scan.ScannedFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The throughput half of a bench run: the corpus, then ingest and the aggregation, each in paired
 * repeats beside its limit (ingest: the shared-CPU limit of the raw producer and parse-only; the
 * aggregation: the minimal Kafka Streams aggregate), the raw clients as informative rows.
 */
final class ThroughputSteps {

    /** The main pipeline after ingest and aggregation, ready for its reports. */
    record MainCorpus(BenchPipeline pipeline, Map<String, Long> runsByModel) {
    }

    static final String MAIN_PREFIX = "bench.main.";
    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    /**
     * Pairs of aggregation runs, detection off and on, for its cost: 6, in the ABBA order ({@link
     * AbbaOrder}: off first in three, on first in three), after the warm-up; until branch meas10 5, off
     * always first, with no warm-up, and one quiet run's pairs spread 0.55–0.85 and another's 0.83–1.20.
     */
    private static final int DETECTION_PAIRS = 6;
    /**
     * The detection-cost pair's emission clock, per record of the whole input: 100 µs, the pace of an
     * aggregation at 10,000 records/s (a quiet machine's "off" runs went at 7,000–18,000), meant to evaluate
     * and refresh models about as often per record as a quiet "off" run of the wall clock (it makes 0.9
     * evaluations of a model per 1,000 records in this corpus; docs/benchmarks.md, "branch det8"), in both
     * runs of a pair alike.
     */
    private static final Duration DETECTION_CLOCK_PER_RECORD = Duration.ofNanos(100_000);

    private final BenchContext ctx;
    private final BenchProgress progress;

    ThroughputSteps(BenchContext ctx) {
        this.ctx = ctx;
        this.progress = ctx.progress();
    }

    MainCorpus run() throws Exception {
        List<ScannedFile> files = corpus();
        RecordTape tape = new RecordTape(ctx.workDir().resolve("records.tape"));
        IngestTape.Summary recorded = recordTape(files, tape);
        RawLimits raw = new RawLimits(ctx);
        raw.warmUp(tape);

        BenchPipeline main = ctx.pipeline(MAIN_PREFIX);
        IngestProbe.Result ingest = ingest(files, main, recorded, tape, raw);
        aggregate(files, main, recorded, ingest, raw);
        detectionCost(files, recorded);
        return new MainCorpus(main, ingest.tally().runsByModel());
    }

    /**
     * The corpus ingested and aggregated once, unmeasured, into the main pipeline: what the
     * analysis measures need ({@code --analysis-only}), without the throughput measures' repeats.
     */
    MainCorpus once() throws Exception {
        List<ScannedFile> files = corpus();
        progress.begin("ingest and aggregation of the corpus, once (not measured: --analysis-only)");
        BenchPipeline main = ctx.pipeline(MAIN_PREFIX);
        try {
            IngestProbe.Result ingest = ingestOnce(files, main, "bench-ingest", 1);
            AggregationProbe.run(main, ctx.options().aggregation(), TIMEOUT,
                    committed -> progress.update("aggregation committed " + Units.count(committed) + " offsets"));
            progress.result(String.format("%,d files, %,d runs ingested and aggregated", ingest.tally().files(),
                    ingest.tally().runs()));
            return new MainCorpus(main, ingest.tally().runsByModel());
        } catch (Exception | Error e) {
            main.close();
            throw e;
        }
    }

    private List<ScannedFile> corpus() throws Exception {
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
        return new CorpusScanner().scan(root);
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
     * Ingest's paired repeats, {@value RawLimits#REPEATS} of them, after its warm-up: in each, the raw
     * producer sends the tape, ingest's readers parse the corpus without Kafka, and ingest publishes
     * it into topics of its own (the last into the main pipeline's, which the aggregation then reads
     * and which the aggregation's repeats pair with). Each repeat's ratio is ingest over that
     * repeat's shared-CPU limit; the figure is the median ratio, with the spread.
     */
    private IngestProbe.Result ingest(List<ScannedFile> files, BenchPipeline main, IngestTape.Summary tape,
                                      RecordTape recordTape, RawLimits raw) throws Exception {
        progress.begin("ingest: " + files.size() + " files (parallel readers, shared transactions), "
                + RawLimits.REPEATS + " repeats, each beside the raw producer and parse-only");
        // Not measured, as the raw producer's warm-up: the first passes run while the JIT is still
        // compiling the readers' and publisher's paths (up to a core of compilation on this machine).
        WarmUp<IngestProbe.Result> warmUps = WarmUp.run(pass -> {
            try (BenchPipeline warm = ctx.pipeline("bench.ingest-warm" + pass + ".")) {
                return ingestOnce(files, warm, "bench-ingest-warm-" + pass, 0);
            }
        }, IngestProbe.Result::threads);
        ctx.note(warmUps.describe("Ingest warm-up: the corpus ingested", r -> tape.records() / r.seconds()));
        int cores = Runtime.getRuntime().availableProcessors();
        List<Throughput> sends = new ArrayList<>();
        List<Throughput> parses = new ArrayList<>();
        List<IngestProbe.Result> repeats = new ArrayList<>();
        for (int i = 1; i <= RawLimits.REPEATS; i++) {
            sends.add(raw.send(recordTape, i));
            parses.add(parseOnly(files, main, tape, cores, i));
            if (i < RawLimits.REPEATS) {
                try (BenchPipeline own = ctx.pipeline(ingestPrefix(i))) {
                    repeats.add(ingestOnce(files, own, "bench-ingest-" + i, i));
                }
            } else {
                repeats.add(ingestOnce(files, main, "bench-ingest", i));
            }
        }
        Throughput producer = raw.reportProducer(sends);

        List<Double> parseRates = parses.stream().map(Throughput::recordsPerSecond).toList();
        List<Double> producerRates = sends.stream().map(Throughput::recordsPerSecond).toList();
        List<Double> limits = new ArrayList<>();
        for (int i = 0; i < RawLimits.REPEATS; i++) {
            limits.add(SharedCpuLimit.recordsPerSecond(producerRates.get(i), parseRates.get(i)));
        }
        Throughput parse = parses.stream().sorted(Comparator.comparingDouble(Throughput::recordsPerSecond)).toList()
                .get(parses.size() / 2);
        ctx.add(Figure.info("parse-only: ingest's readers (read, parse, normalise, encode through the registry), "
                        + cores + " threads, no Kafka; median of " + RawLimits.REPEATS,
                Units.rate(parse.recordsPerSecond(), "records") + " (repeats " + counts(parseRates) + "; "
                        + parse.coresBusy() + ")"));
        ctx.add(Figure.info("shared-CPU limit = 1 ÷ (1/raw producer + 1/parse-only), per repeat; median",
                Units.rate(PairedRatios.median(limits), "records") + " (repeats " + counts(limits) + ")"));
        ctx.note("Parse-only, the median repeat, cores by thread: " + parse.threads().describe(6) + ".");

        List<Double> ingestRates = repeats.stream().map(r -> tape.records() / r.seconds()).toList();
        IngestProbe.Result result = repeats.stream().sorted(Comparator.comparingDouble(IngestProbe.Result::filesPerSecond))
                .toList().get(repeats.size() / 2);
        double recordsPerSecond = tape.records() / result.seconds();
        PairedRatios shared = PairedRatios.of(ingestRates, limits);
        PairedRatios vsProducer = PairedRatios.of(ingestRates, producerRates);
        progress.result(Units.rate(result.filesPerSecond(), "files") + ", " + Units.rate(result.runsPerSecond(), "runs")
                + ", " + Units.rate(recordsPerSecond, "records") + " (median of " + counts(ingestRates) + "); "
                + shared.describe() + " of the shared-CPU limit; " + result.coresBusy());
        ctx.add(Figure.info("ingest: files/s; median of " + RawLimits.REPEATS, Units.rate(result.filesPerSecond(),
                "files") + " (" + result.coresBusy() + ")"));
        ctx.add(Figure.info("ingest: runs/s", Units.rate(result.runsPerSecond(), "runs") + " ("
                + Units.rate(recordsPerSecond, "records") + "; repeats " + counts(ingestRates) + " records/s)"));
        ctx.add(Figure.atLeast("ingest ÷ shared-CPU limit (records/s), median of paired repeats (min–max)",
                shared.describe(), shared.median(), 0.8, "≥ 0.8"));
        ctx.add(Figure.info("ingest ÷ raw producer (records/s; informative: Kafka alone, no parsing)",
                vsProducer.describe()));
        ctx.note("Ingest, the median repeat, cores by thread: " + result.threads().describe(6) + ".");
        ctx.note("Ingest: " + ctx.options().ingest().readers() + " reader threads, at most "
                + ctx.options().ingest().maxFilesPerTransaction() + " files per transaction. Each of the "
                + RawLimits.REPEATS + " repeats runs the raw producer, then parse-only (" + cores + " threads), then "
                + "ingest, each to topics of its own (ingest's last to the topics the aggregation then reads); its "
                + "ratio is ingest over that repeat's shared-CPU limit. The raw producer alone was "
                + Units.rate(producer.recordsPerSecond(), "records") + " (median).");
        return repeats.get(repeats.size() - 1);
    }

    private static String ingestPrefix(int repeat) {
        return "bench.ingest" + repeat + ".";
    }

    /** Ingest's readers on the corpus without Kafka, every record counted against the tape's. */
    private Throughput parseOnly(List<ScannedFile> files, BenchPipeline pipeline, IngestTape.Summary tape, int threads,
                                 int repeat) throws InterruptedException {
        Throughput parsed = ParseOnlyProbe.run(files, ctx.ingestor(), pipeline.factory().publisher("bench-parse-only"),
                pipeline.kafka(), threads);
        if (parsed.records() != tape.records()) {
            throw new IllegalStateException("parse-only encoded " + parsed.records() + " records, ingest sends "
                    + tape.records() + ": a file could not be read or encoded");
        }
        progress.update("repeat " + repeat + ": parse-only " + Units.rate(parsed.recordsPerSecond(), "records"));
        return parsed;
    }

    private IngestProbe.Result ingestOnce(List<ScannedFile> files, BenchPipeline pipeline, String transactionalId,
                                          int repeat) {
        IngestProbe.Result result = IngestProbe.run(files, ctx.ingestor(), pipeline.publisher(transactionalId),
                ctx.options().ingest(), done -> every(done, 50, "repeat " + repeat + ": published " + done + "/"
                        + files.size() + " files"));
        progress.update("repeat " + repeat + ": " + Units.rate(result.filesPerSecond(), "files"));
        return result;
    }

    /**
     * The aggregation's paired repeats: in each, over the benchmark-runs topic one ingest repeat
     * filled, the minimal Streams aggregate then ours, each in a group of its own (and the raw loop,
     * informative, over the raw producer's topics of the same repeat). Ours runs last on the main
     * pipeline and stays running for the reports.
     */
    private void aggregate(List<ScannedFile> files, BenchPipeline main, IngestTape.Summary tape,
                           IngestProbe.Result ingest, RawLimits raw) throws Exception {
        int streamThreads = ctx.options().aggregation().streamThreads();
        progress.begin("aggregation (Kafka Streams, exactly_once_v2, " + streamThreads + " stream thread"
                + (streamThreads == 1 ? "" : "s") + ") over the " + Units.count(tape.runRecords())
                + " benchmark-runs records, a warm-up, then " + RawLimits.REPEATS
                + " repeats, each beside the minimal Streams aggregate");
        List<Throughput> loops = new ArrayList<>();
        List<Double> minimal = new ArrayList<>();
        List<Double> ours = new ArrayList<>();
        List<AggregationProbe.Result> results = new ArrayList<>();
        List<AggregationProbe.Result> leastResults = new ArrayList<>();
        List<Double> minimalCpu = new ArrayList<>();
        List<Double> oursCpu = new ArrayList<>();
        List<Double> minimalWrites = new ArrayList<>();
        List<Double> oursWrites = new ArrayList<>();
        WarmUp<RunPair> warmUps = aggregationWarmUp(files, tape);
        for (int i = 1; i <= RawLimits.REPEATS; i++) {
            loops.add(raw.copy(i));
            BenchPipeline pipeline = i < RawLimits.REPEATS ? ctx.pipeline(ingestPrefix(i)) : main;
            try {
                RunPair pair = minimalThenOurs(pipeline, "minimal-" + i, "repeat " + i, tape);
                AggregationProbe.Result least = pair.first();
                minimal.add(tape.runRecords() / seconds(least.elapsed()));
                minimalCpu.add(microsPerRecord(least, tape));
                minimalWrites.add(changelogPerRecord(least, tape));
                leastResults.add(least);
                AggregationProbe.Result result = pair.second();
                results.add(result);
                ours.add(tape.runRecords() / seconds(result.elapsed()));
                oursCpu.add(microsPerRecord(result, tape));
                oursWrites.add(changelogPerRecord(result, tape));
            } finally {
                if (pipeline != main) {
                    pipeline.close();
                }
            }
        }
        raw.reportLoop(loops);
        PairedRatios vsMinimal = PairedRatios.of(ours, minimal);
        PairedRatios vsLoop = PairedRatios.of(ours, loops.stream().map(Throughput::recordsPerSecond).toList());
        AggregationProbe.Result result = results.stream().sorted(Comparator.comparing(AggregationProbe.Result::elapsed))
                .toList().get(results.size() / 2);
        double recordsPerSecond = tape.runRecords() / seconds(result.elapsed());
        double runsPerSecond = ingest.tally().runs() / seconds(result.elapsed());
        progress.result(Units.rate(runsPerSecond, "runs") + " (" + Units.rate(recordsPerSecond, "records") + "); "
                + vsMinimal.describe() + " of the minimal Streams aggregate; " + result.coresBusy());
        ctx.add(Figure.info("minimal Kafka Streams aggregate (groupByKey().aggregate(): count and sum of tokens/s per "
                        + "model; the aggregation's Streams settings, store kind and caching); median of "
                        + RawLimits.REPEATS,
                Units.rate(PairedRatios.median(minimal), "records") + " (repeats " + counts(minimal) + ")"));
        ctx.add(Figure.info("aggregation (exactly_once_v2): runs/s; median of " + RawLimits.REPEATS,
                Units.rate(runsPerSecond, "runs") + " (" + Units.rate(recordsPerSecond, "records") + "; repeats "
                        + counts(ours) + " records/s; " + result.coresBusy() + ")"));
        ctx.add(Figure.atLeast("aggregation ÷ minimal Streams aggregate (records/s), median of paired repeats (min–max)",
                vsMinimal.describe(), vsMinimal.median(), 0.7, "≥ 0.7"));
        ctx.add(Figure.info("aggregation ÷ raw loop (records/s; informative: the loop waits on its commits)",
                vsLoop.describe()));
        ctx.add(Figure.info("stream threads' CPU per record: minimal Streams aggregate ÷ aggregation, median of paired "
                        + "repeats (min–max; informative: CPU time, which other load on the machine hardly moves)",
                PairedRatios.of(minimalCpu, oursCpu).describe() + "; aggregation " + micros(oursCpu) + ", minimal "
                        + micros(minimalCpu) + "; changelog records written per record: aggregation "
                        + writes(oursWrites) + ", minimal " + writes(minimalWrites)));
        ctx.note("Changelog records written per record, by store (median of the " + RawLimits.REPEATS
                + " repeats): aggregation " + writesPerStore(results, tape) + "; minimal "
                + writesPerStore(leastResults, tape) + ".");
        ctx.note(describeWarmUp("Aggregation warm-up: the corpus ingested anew, then the minimal Streams aggregate "
                + "and the aggregation over it", warmUps, tape) + " The repeats' JVM work, minimal; aggregation: "
                + jvmOfRepeats(leastResults, results) + ".");
        ctx.note("Aggregation: after the warm-up, each of the " + RawLimits.REPEATS + " repeats runs the raw loop over "
                + "the raw producer's topics of that repeat, then the minimal Streams aggregate and the aggregation, in "
                + "that order, over the benchmark-runs topic of that repeat's ingest, each after a full collection "
                + "(System.gc()) and timed from RUNNING until its committed offsets cover every record; the last "
                + "aggregation is the one the reports read. Both, and the detection pair's aggregations, ran with "
                + streamThreads + " stream thread(s) (num.stream.threads, the product's default; over "
                + ctx.options().partitions() + " partition(s)); rows 13 and 15 add up their threads' CPU.");
    }

    /**
     * Unmeasured passes of the minimal aggregate and the aggregation, each pass over the corpus ingested
     * into topics of its own, until the JIT spends under {@link WarmUp#COMPILED_JIT_CORES} cores in both
     * in {@value WarmUp#SETTLED_PASSES} passes in a row (at most {@value WarmUp#MAX_PASSES}): measured
     * cold, the first repeat's stream threads took 59.8 µs per record against 36.1 and 24.1 in the next
     * two, the minimal's 20.4 against 9.0 and 3.3 (a quiet run, docs/benchmarks.md, "Quiet machine,
     * after the ninth session's merges").
     */
    private WarmUp<RunPair> aggregationWarmUp(List<ScannedFile> files, IngestTape.Summary tape) throws Exception {
        return WarmUp.run(pass -> {
            try (BenchPipeline warm = ctx.pipeline("bench.aggregate-warm" + pass + ".")) {
                ingestOnce(files, warm, "bench-aggregate-warm-" + pass, 0);
                return minimalThenOurs(warm, "minimal-warm-" + pass, "warm-up " + pass, tape);
            }
        }, RunPair::jvm);
    }

    /**
     * The minimal Streams aggregate, then the aggregation, over {@code pipeline}'s benchmark-runs topic,
     * each timed after a full collection: one repeat of rows 9-13, or one pass of their warm-up.
     */
    private RunPair minimalThenOurs(BenchPipeline pipeline, String minimalState, String label,
                                    IngestTape.Summary tape) throws Exception {
        settleHeap();
        AggregationProbe.Result least = MinimalAggregateProbe.run(pipeline,
                ctx.workDir().resolve("streams").resolve(minimalState), ctx.options().partitions(),
                ctx.options().aggregation().streamThreads(), TIMEOUT,
                committed -> progress.update(label + ": minimal aggregate committed " + Units.count(committed)
                        + " offsets"));
        progress.update(label + ": minimal aggregate " + Units.rate(tape.runRecords() / seconds(least.elapsed()),
                "records") + "; " + RunPair.jvm(least));
        settleHeap();
        AggregationProbe.Result ours = AggregationProbe.run(pipeline, ctx.options().aggregation(), TIMEOUT,
                committed -> progress.update(label + ": aggregation committed " + Units.count(committed) + " offsets"));
        progress.update(label + ": aggregation " + Units.rate(tape.runRecords() / seconds(ours.elapsed()), "records")
                + "; " + RunPair.jvm(ours));
        return new RunPair(least, ours);
    }

    /**
     * A full collection before a timed run, so that each run starts from the same heap and a full
     * collection inside it is its own: without it, a run met one whenever the runs before it had
     * filled the old generation (SerialGC, the product's; in a recording of the detection pairs, three
     * of 1.7–2.9 s fell inside "on" runs, none inside "off" runs: docs/benchmarks.md, "The measure
     * itself").
     */
    private static void settleHeap() {
        Heap.settle();
    }

    /**
     * "Aggregation warm-up: … 2 times before the measure, until …; the passes' records/s 9,120 and
     * 12,410, 8,200 and 15,300; JIT 0.61 and 0.40, 0.12 and 0.09 cores".
     */
    private static String describeWarmUp(String what, WarmUp<RunPair> warmUp, IngestTape.Summary tape) {
        List<RunPair> passes = warmUp.passes();
        return what + " " + passes.size() + " times before the measure, " + WarmUp.rule(" in both runs of a pass")
                + "; the passes' records/s " + passes.stream()
                .map(p -> Units.count(Math.round(tape.runRecords() / seconds(p.first().elapsed()))) + " and "
                        + Units.count(Math.round(tape.runRecords() / seconds(p.second().elapsed()))))
                .collect(Collectors.joining(", ")) + "; JIT " + passes.stream()
                .map(p -> Units.decimal(p.first().jvm().jit()) + " and " + Units.decimal(p.second().jvm().jit()))
                .collect(Collectors.joining(", ")) + " cores; GC " + passes.stream()
                .map(p -> Units.decimal(p.first().jvm().gc()) + " and " + Units.decimal(p.second().jvm().gc()))
                .collect(Collectors.joining(", ")) + " cores." + warmUp.ending();
    }

    /** "JIT 0.08 and 0.11, GC 0.02 and 0.05; …": each repeat's two runs' JVM work, in the order run. */
    private static String jvmOfRepeats(List<AggregationProbe.Result> first, List<AggregationProbe.Result> second) {
        List<String> repeats = new ArrayList<>();
        for (int i = 0; i < first.size(); i++) {
            repeats.add("JIT " + Units.decimal(first.get(i).jvm().jit()) + " and "
                    + Units.decimal(second.get(i).jvm().jit()) + ", GC " + Units.decimal(first.get(i).jvm().gc())
                    + " and " + Units.decimal(second.get(i).jvm().gc()));
        }
        return String.join("; ", repeats);
    }

    private static double seconds(Duration elapsed) {
        return Math.max(1e-9, elapsed.toNanos() / 1e9);
    }

    /** The stream threads' CPU time per benchmark-runs record of a run of the aggregation, in µs. */
    private static double microsPerRecord(AggregationProbe.Result result, IngestTape.Summary tape) {
        return result.streamThreadNanos() / 1e3 / tape.runRecords();
    }

    /**
     * The records a run of an aggregation sent to its stores' changelogs per benchmark-runs record: its
     * state writes that reached a commit ({@link io.chimera.insight.bench.measure.ChangelogWrites}).
     */
    private static double changelogPerRecord(AggregationProbe.Result result, IngestTape.Summary tape) {
        return (double) result.changelogRecords() / tape.runRecords();
    }

    /**
     * "aggregate-configs 0.212, aggregate-pending 0.480": per store, the median over {@code results} of
     * the records its changelog got per benchmark-runs record (a repeat in which it got none counts 0).
     */
    private static String writesPerStore(List<AggregationProbe.Result> results, IngestTape.Summary tape) {
        SortedSet<String> stores = new TreeSet<>();
        results.forEach(result -> stores.addAll(result.changelogPerStore().keySet()));
        return stores.stream().map(store -> String.format(Locale.ROOT, "%s %.3f", store, PairedRatios.median(
                        results.stream().map(result -> (double) result.changelogPerStore().getOrDefault(store, 0L)
                                / tape.runRecords()).toList())))
                .collect(Collectors.joining(", "));
    }

    /**
     * "1.624 (repeats 1.611, 1.624, 1.640)": a median of changelog records per record and its repeats;
     * three decimals, as a cached store written once per key and commit makes a few thousandths.
     */
    private static String writes(List<Double> values) {
        return String.format(Locale.ROOT, "%.3f (repeats %s)", PairedRatios.median(values),
                values.stream().map(v -> String.format(Locale.ROOT, "%.3f", v)).collect(Collectors.joining(", ")));
    }

    /** "41.2 µs (repeats 40.1, 41.2, 45.0)": a median of microseconds per record and its repeats. */
    private static String micros(List<Double> values) {
        return String.format(Locale.ROOT, "%.1f µs (repeats %s)", PairedRatios.median(values),
                values.stream().map(v -> String.format(Locale.ROOT, "%.1f", v)).collect(Collectors.joining(", ")));
    }

    private static String counts(List<Double> rates) {
        return rates.stream().map(Units::count).collect(Collectors.joining(", "));
    }

    /**
     * What change detection costs the aggregation: its records/s with detection on ÷ off, the same
     * records, after an unmeasured warm-up (pairs of an "off" and an "on" run until the JIT spends
     * under {@link WarmUp#COMPILED_JIT_CORES} cores in both in {@value WarmUp#SETTLED_PASSES} pairs in a row, at
     * most {@value WarmUp#MAX_PASSES}), {@value #DETECTION_PAIRS} pairs in the ABBA
     * order ({@link AbbaOrder}), each run on a corpus ingested into topics of its own beforehand (not
     * timed) and after a full collection; the figure is the median of the pairs' ratios, with their
     * spread, as for the other ratios ({@link PairedRatios}). Debounce 200 ms and
     * max-delay 1 s (the product's are 2 s and 30 s), so that each busy model is evaluated about once a
     * second while its runs stream in, inside the timed window, rather than once after it ends: the
     * evaluations are counted, and more often than the defaults would make them.
     *
     * <p>Both runs of a pair emit on a clock paced by the records ({@link
     * AggregationSettings#clockPerRecord()}, {@link #DETECTION_CLOCK_PER_RECORD} per record of the whole
     * input, so each of the {@code partitions} tasks' clocks advances {@code partitions} times that per
     * record it processes), not the wall clock: on the wall clock the slower "on" run emitted more
     * (model-metrics refreshes, evaluations, requests) for the same records only because it ran longer,
     * and those extra emissions were counted as detection's cost (docs/benchmarks.md, "branch det8").
     * The emissions of each side are printed beside the figure, per record and per second. Beside it,
     * informative, the stream threads' CPU time per record on and off, which other load on the machine
     * hardly moves.
     */
    private void detectionCost(List<ScannedFile> files, IngestTape.Summary tape) throws Exception {
        progress.begin("change detection's cost: the aggregation with it off and on, a warm-up, then "
                + DETECTION_PAIRS + " pairs in the ABBA order, debounce 200 ms, max-delay 1 s, on a clock paced by "
                + "the records");
        AggregationSettings on = ctx.options().aggregation().withDebounce(Duration.ofMillis(200))
                .withMaxDelay(Duration.ofSeconds(1))
                .withClockPerRecord(DETECTION_CLOCK_PER_RECORD.multipliedBy(ctx.options().partitions()));
        AggregationSettings off = on.withChanges(on.changes().withEnabled(false));
        WarmUp<RunPair> warmUps = WarmUp.run(pass -> new RunPair(
                detectionRun(files, "bench.detect-warm" + pass + "-off.", off, "warm-up " + pass + " off", tape),
                detectionRun(files, "bench.detect-warm" + pass + "-on.", on, "warm-up " + pass + " on", tape)),
                RunPair::jvm);
        AbbaOrder order = new AbbaOrder(DETECTION_PAIRS);
        List<AggregationProbe.Result> onResults = new ArrayList<>();
        List<AggregationProbe.Result> offResults = new ArrayList<>();
        int i = 0;
        for (AbbaOrder.Run run : order.runs()) {
            boolean detecting = run.sideB();
            (detecting ? onResults : offResults).add(detectionRun(files, "bench.detect" + i + ".",
                    detecting ? on : off, "pair " + (run.pair() + 1) + (detecting ? " on" : " off"), tape));
            i++;
        }
        List<Double> onRates = onResults.stream().map(r -> tape.runRecords() / seconds(r.elapsed())).toList();
        List<Double> offRates = offResults.stream().map(r -> tape.runRecords() / seconds(r.elapsed())).toList();
        List<Double> onCpu = onResults.stream().map(r -> microsPerRecord(r, tape)).toList();
        List<Double> offCpu = offResults.stream().map(r -> microsPerRecord(r, tape)).toList();
        List<Double> onWrites = onResults.stream().map(r -> changelogPerRecord(r, tape)).toList();
        List<Double> offWrites = offResults.stream().map(r -> changelogPerRecord(r, tape)).toList();
        PairedRatios ratios = PairedRatios.of(onRates, offRates);
        PairedRatios cpu = PairedRatios.of(offCpu, onCpu);
        String runs = "on " + rates(onRates) + ", off " + rates(offRates) + " records/s";
        progress.result(ratios.describe() + " (" + runs + "); stream CPU per record on " + micros(onCpu) + ", off "
                + micros(offCpu));
        ctx.add(Figure.atLeast("aggregation with change detection ÷ without (records/s; both emitting at the same "
                + "records, on a clock paced by them), median of paired repeats (min–max)", ratios.describe(), ratios.median(), 0.8, "≥ 0.8"));
        ctx.add(Figure.info("stream threads' CPU per record: without change detection ÷ with, median of paired repeats "
                        + "(min–max; informative: CPU time, which other load on the machine hardly moves)",
                cpu.describe() + "; on " + micros(onCpu) + ", off " + micros(offCpu)
                        + "; changelog records written per record: on " + writes(onWrites) + ", off "
                        + writes(offWrites)));
        String emissions = "detection on " + emissions(onResults, tape) + "; off " + emissions(offResults, tape);
        progress.result("emissions: " + emissions);
        ctx.note("What the aggregation emitted per 1,000 records and per second while timed (median of the "
                + DETECTION_PAIRS + " pairs): " + emissions + ".");
        ctx.note("Changelog records written per record, by store (median of the " + DETECTION_PAIRS
                + " pairs): detection on " + writesPerStore(onResults, tape) + "; off "
                + writesPerStore(offResults, tape) + ".");
        ctx.note(describeWarmUp("Change detection's warm-up: the aggregation off, then on, each over the corpus "
                + "ingested anew", warmUps, tape) + " The pairs' JVM work, off; on: " + jvmOfRepeats(offResults,
                onResults) + ".");
        ctx.note("Change detection's cost: the aggregation on the same " + Units.count(tape.runRecords())
                + " benchmark-runs records with --change-detection on and off, after the warm-up, " + DETECTION_PAIRS
                + " pairs in the ABBA order (" + order.describe("off", "on") + "), each run after a full collection, "
                + "debounce 200 ms and max-delay 1 s so that models are evaluated "
                + "while runs stream in, on an emission clock paced by the records (" + Units.count(
                DETECTION_CLOCK_PER_RECORD.toNanos() / 1000) + " µs per record of the input), not the wall clock, so "
                + "that both runs of a pair emit at the same records; the figure is the median of the pairs' ratios ("
                + runs + ", pair by pair).");
    }

    /**
     * One run of the detection cost's: the corpus ingested into topics of their own (not timed), a full
     * collection, then the aggregation with {@code settings}, timed.
     */
    private AggregationProbe.Result detectionRun(List<ScannedFile> files, String prefix, AggregationSettings settings,
                                                 String label, IngestTape.Summary tape) throws Exception {
        try (BenchPipeline pipeline = ctx.pipeline(prefix)) {
            ingestOnce(files, pipeline, prefix.replace('.', '-') + "ingest", 0);
            settleHeap();
            AggregationProbe.Result result = AggregationProbe.run(pipeline, settings, TIMEOUT,
                    committed -> progress.update(label + ": committed " + Units.count(committed) + " offsets"));
            progress.update(label + ": " + Units.rate(tape.runRecords() / seconds(result.elapsed()), "records") + "; "
                    + result.coresBusy() + "; " + RunPair.jvm(result));
            return result;
        }
    }

    /**
     * "model-metrics 212.4 per 1,000 records (51.3/s), analysis requests 20.1 (4.9/s)": the medians over
     * {@code results} of what the aggregation emitted while timed, per record and per second of the run.
     */
    private static String emissions(List<AggregationProbe.Result> results, IngestTape.Summary tape) {
        return String.format(Locale.ROOT, "model-metrics %.1f per 1,000 records (%.1f/s), analysis requests %.1f (%.1f/s)",
                median(results, result -> 1000.0 * result.emissions().modelMetrics() / tape.runRecords()),
                median(results, result -> result.emissions().modelMetrics() / seconds(result.elapsed())),
                median(results, result -> 1000.0 * result.emissions().analysisRequests() / tape.runRecords()),
                median(results, result -> result.emissions().analysisRequests() / seconds(result.elapsed())));
    }

    private static double median(List<AggregationProbe.Result> results,
                                 ToDoubleFunction<AggregationProbe.Result> figure) {
        return PairedRatios.median(results.stream().map(figure::applyAsDouble).toList());
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
