package io.chimera.insight.bench;

import io.chimera.insight.aggregate.AggregationService;
import io.chimera.insight.aggregate.topology.AggregationSettings;
import io.chimera.insight.bench.corpus.CorpusGenerator;
import io.chimera.insight.bench.corpus.GeneratedCorpus;
import io.chimera.insight.bench.corpus.ModelNames;
import io.chimera.insight.bench.kafka.RecordSizes;
import io.chimera.insight.bench.kafka.RecordSizes.TopicSizes;
import io.chimera.insight.bench.kafka.RefusedRecordWatch;
import io.chimera.insight.bench.kafka.RefusedRecordWatch.Refusal;
import io.chimera.insight.bench.measure.AggregationProbe;
import io.chimera.insight.bench.measure.Heap;
import io.chimera.insight.bench.measure.IngestProbe;
import io.chimera.insight.bench.pipeline.BenchPipeline;
import io.chimera.insight.bench.result.CpuSplit;
import io.chimera.insight.bench.result.Figure;
import io.chimera.insight.bench.result.PerRunCost;
import io.chimera.insight.bench.result.Units;
import io.chimera.insight.bench.scaling.DiskUsage;
import io.chimera.insight.bench.scaling.HeldPass;
import io.chimera.insight.bench.scaling.ScalingGrowths;
import io.chimera.insight.bench.scaling.ScalingPlan;
import io.chimera.insight.bench.scaling.ScalingPoint;
import io.chimera.insight.ingest.scan.CorpusScanner;
import io.chimera.insight.ingest.scan.ScannedFile;
import io.chimera.insight.platform.topics.Topic;
import io.chimera.insight.platform.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * {@code chimera bench --scaling}: what ingest and the aggregation cost per run as the work grows,
 * more files, then more configurations of one model, each point on a fresh pipeline of the product's
 * services: the cost per run (CPU and wall), the aggregation's state (RocksDB on disk, its changelogs)
 * and the largest record on each of our topics, read back from the broker. A point whose aggregation
 * the cluster refuses a record of (a model's aggregate past the record limit) is reported as such and
 * the others still run.
 */
final class ScalingSteps {

    private static final Duration READ_TIMEOUT = Duration.ofMinutes(5);
    /** The model swept over many configurations: a mid-sized one of the corpus. */
    private static final String SWEPT_MODEL = "llama3.1:8b";

    private final BenchContext ctx;
    private final BenchProgress progress;
    private final ScalingPlan plan;
    private final CorpusGenerator generator;
    private int pointIndex;

    ScalingSteps(BenchContext ctx) {
        this.ctx = ctx;
        this.progress = ctx.progress();
        this.plan = ctx.options().scaling();
        this.generator = new CorpusGenerator(ctx.options().seed());
    }

    /** Measures every point, then adds the table's rows: each point, then each series' growth. */
    void run() throws Exception {
        int smallest = plan.files().isEmpty() ? 1_000 : plan.files().get(0);
        progress.begin("warm-up (not measured): " + Units.count(smallest) + " files ingested and aggregated once");
        ScalingPoint warm = measure("warm-up", mixed(smallest), Optional.empty());
        progress.result("ingest " + warm.ingest().describe() + " per run");
        if (!plan.configs().isEmpty()) {
            // The sweep's own paths (a snapshot, a record and change-detection state per configuration) are
            // not the mixed corpus's: without this, the JIT compiled them, and the heap grew, inside the
            // largest point's window, which then cost 181 µs per run measured first and 130 µs measured
            // again in the same process (docs/benchmarks.md, "Costs as the work grows"). The largest point's
            // own shape, its runs per configuration too: with one run each, a configuration's second and third
            // runs (its values, moments and cells merged, its snapshot made again) were compiled inside the
            // largest point's window unless a point of many runs each ran before it, which made its cost
            // depend on the points before it (40-60 µs a run more, measured, without the 1,000-configuration point).
            int most = plan.configs().get(plan.configs().size() - 1);
            int runsEach = plan.runsPerConfig(most);
            progress.begin("warm-up (not measured): one model, " + Units.count(most) + " configurations, " + runsEach
                    + (runsEach == 1 ? " run each" : " runs each"));
            warm = measure("warm-up", sweep(most, runsEach), Optional.of(new Sweep(most, runsEach)));
            progress.result("ingest " + warm.ingest().describe() + " per run");
        }

        List<ScalingPoint> byFiles = new ArrayList<>();
        for (int files : plan.files()) {
            progress.begin("scaling: " + Units.count(files) + " files about " + ctx.options().models() + " models");
            byFiles.add(report(measure(Units.count(files) + " files", mixed(files), Optional.empty()), ""));
        }
        List<ScalingPoint> byConfigs = new ArrayList<>();
        for (int configs : plan.configs()) {
            int runsEach = plan.runsPerConfig(configs);
            progress.begin("scaling: one model (" + SWEPT_MODEL + "), " + Units.count(configs) + " configurations, "
                    + runsEach + (runsEach == 1 ? " run each" : " runs each"));
            String label = Units.count(configs) + " configurations";
            byConfigs.add(report(measure(label, sweep(configs, runsEach), Optional.of(new Sweep(configs, runsEach))),
                    " at " + label));
        }
        progress.begin("the table");
        addRows(byFiles, "files");
        addRows(byConfigs, "configurations of one model");
        addGrowths(byFiles, "as the files grow");
        addGrowths(byConfigs, "as one model's configurations grow");
        progress.result(ctx.table().misses() + " target(s) missed");
        notes();
    }

    private Path mixed(int files) throws Exception {
        Path root = ctx.workDir().resolve("scaling").resolve("corpus-" + (pointIndex + 1));
        GeneratedCorpus corpus = generator.mixed(root, files, ModelNames.first(ctx.options().models()),
                done -> every(done, 500, "written " + done + " files"));
        progress.update(String.format("%,d files (%s), %,d runs", corpus.files().size(), Units.bytes(corpus.bytes()),
                corpus.runs()));
        return root;
    }

    private Path sweep(int configs, int runsEach) throws Exception {
        return sweep(generator, ctx.workDir().resolve("scaling").resolve("corpus-" + (pointIndex + 1)), configs, runsEach);
    }

    private Path sweep(CorpusGenerator by, Path root, int configs, int runsEach) throws Exception {
        GeneratedCorpus corpus = by.configSweep(root, SWEPT_MODEL, configs, runsEach,
                done -> every(done, 50, "written " + done + " files"));
        progress.update(String.format("%,d files (%s), %,d runs", corpus.files().size(), Units.bytes(corpus.bytes()),
                corpus.runs()));
        return root;
    }

    /**
     * One point on a pipeline of its own: ingest, then the aggregation until it has committed past
     * every run and emitted what its debounce holds back, then the sizes; the corpus is deleted after.
     * A configurations point ({@code again} present) then has its further passes ({@link #furtherPasses}) before
     * its pipeline closes.
     */
    private ScalingPoint measure(String label, Path corpus, Optional<Sweep> again) throws Exception {
        int index = ++pointIndex;
        collectEarlierPoints();
        long start = System.nanoTime();
        List<ScannedFile> files = new CorpusScanner().scan(corpus);
        BenchPipeline pipeline = ctx.pipeline("bench.scaling" + index + ".", RefusedRecordWatch.streamsProperties());
        try {
            IngestProbe.Result ingest = IngestProbe.run(files, ctx.ingestor(), pipeline.publisher("bench-scaling-" + index),
                    ctx.options().ingest(), done -> every(done, 100, "published " + done + "/" + files.size() + " files"));
            long runs = ingest.tally().runs();
            PerRunCost ingestCost = PerRunCost.of(ingest.cpuNanos(), ingest.elapsed(), runs);
            progress.result("ingest: " + ingestCost.describe() + " per run; aggregating");

            String applicationId = pipeline.names().prefix() + "aggregate";
            AggregationSettings settings = ctx.options().aggregation();
            Optional<PerRunCost> aggregation = Optional.empty();
            Optional<Refusal> refusal = Optional.empty();
            Optional<String> timedOut = Optional.empty();
            AggregationService service = null;
            try {
                service = pipeline.startAggregation(settings);
                AggregationProbe.Result result = AggregationProbe.measure(pipeline, service, plan.aggregationTimeout(),
                        committed -> onCommitted(pipeline, applicationId, committed));
                PerRunCost cost = result.costPerRun(runs);
                aggregation = Optional.of(cost);
                // Which threads the process's figure went to: a slow run of a point, or its growth over the
                // first, shows here as the stream threads', the JIT's or the collector's, without a profiler.
                ctx.note(label + ": aggregation CPU per run by thread: "
                        + CpuSplit.of(cost, result.jvm(), result.elapsed(), runs).describe() + ".");
                awaitEmissions(pipeline, applicationId, settings);
            } catch (Refused e) {
                refusal = Optional.of(e.refusal);
            } catch (TimeoutException e) {
                // A point the aggregation cannot get through in time is a cost that did not stay flat:
                // reported as failed, with how far it got, and the sizes below are read all the same.
                timedOut = Optional.of(e.getMessage().replaceFirst("^.* (within )", "$1"));
            }

            long whileRunning = DiskUsage.of(pipeline.stateDir());
            Map<String, TopicSizes> perChangelog = RecordSizes.read(pipeline.settings(),
                    RecordSizes.changelogs(pipeline.settings(), applicationId), READ_TIMEOUT);
            TopicSizes changelogs = perChangelog.values().stream()
                    .reduce(new TopicSizes(0, 0, 0), (a, b) -> new TopicSizes(a.records() + b.records(),
                            a.bytes() + b.bytes(), Math.max(a.largest(), b.largest())));
            // Which store wrote them: the topics are <application id>-<store>-changelog.
            ctx.note(label + ": changelog records (bytes) by store: " + perChangelog.entrySet().stream()
                    .map(e -> e.getKey().substring(applicationId.length() + 1).replaceFirst("-changelog$", "")
                            + " " + recordsAndBytes(e.getValue()))
                    .collect(Collectors.joining(", ")) + ".");
            Map<String, TopicSizes> topics = new LinkedHashMap<>();
            Map<String, TopicSizes> read = RecordSizes.read(pipeline.settings(),
                    Topics.all().stream().map(t -> pipeline.names().of(t)).toList(), READ_TIMEOUT);
            for (Topic<?> topic : Topics.all()) {
                topics.put(topic.baseName(), read.get(pipeline.names().of(topic)));
            }
            // What a point writes to each topic, beside its changelogs: divided by the configurations, what a
            // configuration's output costs the producer and the broker.
            ctx.note(label + ": records (bytes) by topic: " + topics.entrySet().stream()
                    .filter(e -> e.getValue().records() > 0)
                    .map(e -> e.getKey() + " " + recordsAndBytes(e.getValue()))
                    .collect(Collectors.joining(", ")) + ".");
            Optional<HeldPass> held = Optional.empty();
            if (again.isPresent() && aggregation.isPresent() && refusal.isEmpty()) { // not after a refused emission
                held = furtherPasses(label, pipeline, service, index, again.get());
            }
            // Kafka Streams flushes its stores' memtables to disk as it closes: before that, RocksDB's
            // files lag behind what the stores hold. A close that times out (a loaded machine) or a failed
            // task wipes an exactly-once store instead: both figures are shown. (Closing twice is harmless.)
            pipeline.close();
            long onDisk = DiskUsage.of(pipeline.stateDir());
            return new ScalingPoint(label, files.size(), runs, ingestCost, aggregation, refusal, timedOut, whileRunning,
                    onDisk,
                    changelogs, topics, Duration.ofNanos(System.nanoTime() - start), held);
        } finally {
            pipeline.close();
            BenchRun.deleteQuietly(corpus);
        }
    }

    /**
     * A configurations point's further passes ({@link HeldPass}). The second: as many runs again, in new files (their own
     * folder, so their own file ids and run ids, and another seed, so other values), into the same configurations
     * of the same model, on the same running aggregation, which holds the configurations the first pass made.
     * It is paused while ingest publishes (so that, as in the first pass, the runs wait on the topic and the
     * window holds the aggregation's work alone) and measured as the first pass from its resumption until it
     * has committed past every run. A fresh aggregation would measure a restore and a cold process instead of a
     * run into configurations held. Then the third pass, as many runs again into the first {@value HeldPass#FEW}
     * configurations alone ({@link HeldPass#fewTouched}). Empty, with a note, when the second pass failed; without
     * a third, with a note, when the third did.
     */
    private Optional<HeldPass> furtherPasses(String label, BenchPipeline pipeline, AggregationService service,
                                             int index, Sweep sweep) throws Exception {
        HeldPass held;
        try {
            PerRunCost cost = pass(label + ", second pass (configurations held", pipeline, service, index, "again", 1,
                    sweep);
            progress.result("second pass, configurations held: aggregation " + cost.describe() + " per run");
            held = new HeldPass(sweep.configs(), cost);
        } catch (Refused | TimeoutException e) {
            ctx.note(label + ", second pass (configurations held) failed: " + e.getMessage() + ".");
            return Optional.empty();
        }
        int few = Math.min(HeldPass.FEW, sweep.configs());
        long runs = (long) sweep.configs() * sweep.runsEach();
        try {
            PerRunCost cost = pass(label + ", third pass (every configuration held, " + few + " touched", pipeline,
                    service, index, "few", 2, new Sweep(few, (int) (runs / few)));
            progress.result("third pass, " + few + " of the configurations: aggregation " + cost.describe() + " per run");
            return Optional.of(held.withFewTouched(cost));
        } catch (Refused | TimeoutException e) {
            ctx.note(label + ", third pass (" + few + " of the configurations touched) failed: " + e.getMessage() + ".");
            return Optional.of(held);
        }
    }

    /**
     * One more pass of a configurations point on its running aggregation: {@code sweep}'s runs (the point's model,
     * its first {@code sweep.configs()} config keys) in new files under {@code corpus-<index>-<folder>}, with the
     * seed moved by {@code seedOffset}; published while the aggregation is paused, then measured from its
     * resumption until it has committed past every run, its CPU split by thread in the notes.
     */
    private PerRunCost pass(String described, BenchPipeline pipeline, AggregationService service, int index,
                            String folder, int seedOffset, Sweep sweep) throws Exception {
        String applicationId = pipeline.names().prefix() + "aggregate";
        Path root = ctx.workDir().resolve("scaling").resolve("corpus-" + index + "-" + folder);
        try {
            progress.update(described + "): " + Units.count(sweep.configs()) + " configurations, "
                    + Units.count(sweep.runsEach()) + " runs each");
            sweep(new CorpusGenerator(ctx.options().seed() + seedOffset), root.resolve(folder), sweep.configs(),
                    sweep.runsEach());
            service.streams().pause();
            collectEarlierPoints(); // the pass before's garbage, and the sizes read back, as the first pass's predecessors'
            List<ScannedFile> files = new CorpusScanner().scan(root);
            IngestProbe.Result ingest = IngestProbe.run(files, ctx.ingestor(),
                    pipeline.publisher("bench-scaling-" + index + "-" + folder), ctx.options().ingest(),
                    done -> every(done, 100, "published " + done + "/" + files.size() + " files again"));
            long runs = ingest.tally().runs();
            AggregationProbe.Result result = AggregationProbe.resume(pipeline, service, plan.aggregationTimeout(),
                    committed -> onCommitted(pipeline, applicationId, committed));
            PerRunCost cost = result.costPerRun(runs);
            ctx.note(described + ", " + Units.count(runs) + " runs): aggregation CPU per run by thread: "
                    + CpuSplit.of(cost, result.jvm(), result.elapsed(), runs).describe() + ".");
            return cost;
        } finally {
            BenchRun.deleteQuietly(root);
        }
    }

    private void onCommitted(BenchPipeline pipeline, String applicationId, long committed) {
        progress.update("aggregation committed " + Units.count(committed) + " offsets");
        stopOnFailure(pipeline, applicationId);
    }

    /** A configurations point's shape: its configurations and the runs of each. */
    private record Sweep(int configs, int runsEach) {
    }

    /**
     * Collects what the points before this one left on the heap (their pipelines are closed, their state
     * garbage), before this point starts: without it, the first full collection inside a point's window
     * collected its predecessors' garbage as well as its own, so a point paid for the points run before it
     * (at 20,000 configurations, two seconds into its window, a full collection of 1.8 s on a loaded machine
     * took the heap from 342 to 138 MB, an old generation full of the earlier points' dead state). What the
     * point itself allocates and holds, and any collection that causes, young or full, is still in its window.
     */
    private static void collectEarlierPoints() {
        Heap.settle();
    }

    /** Stops the wait for the aggregation when the cluster refused it a record, or it stopped. */
    private static void stopOnFailure(BenchPipeline pipeline, String applicationId) {
        Optional<Refusal> refused = RefusedRecordWatch.first(applicationId);
        if (refused.isPresent()) {
            throw new Refused(refused.get());
        }
        pipeline.requireRunning();
    }

    /**
     * After the last run the aggregation still emits each model's metrics and request once its
     * debounce has passed (at a punctuation): waits that long, so the sizes include those records,
     * and a record refused then is a failure of this point too.
     */
    private static void awaitEmissions(BenchPipeline pipeline, String applicationId, AggregationSettings settings)
            throws InterruptedException {
        long until = System.nanoTime() + settings.debounce().plus(settings.punctuateInterval().multipliedBy(2))
                .plusSeconds(1).toNanos();
        while (System.nanoTime() < until) {
            stopOnFailure(pipeline, applicationId);
            Thread.sleep(100);
        }
        stopOnFailure(pipeline, applicationId);
    }

    private ScalingPoint report(ScalingPoint point, String where) {
        progress.result("took " + Units.seconds(point.took().toNanos() / 1e9) + ": ingest " + point.ingest().describe()
                + "; aggregation "
                + point.aggregation().map(PerRunCost::describe).orElseGet(() -> failure(point, where)) + " per run; state "
                + Units.bytes(point.stateOnDisk()) + " on disk; largest model-metrics record "
                + recordBytes(point.topics().get(Topics.MODEL_METRICS.baseName()).largest()));
        return point;
    }

    private void addRows(List<ScalingPoint> points, String series) {
        for (ScalingPoint point : points) {
            String where = series.startsWith("configurations") ? " at " + point.label() : "";
            ctx.add(Figure.info(point.label() + ": ingest per run", point.ingest().describe() + " ("
                    + Units.count(point.runs()) + " runs in " + Units.count(point.files())
                    + (point.files() == 1 ? " file" : " files") + "; the point took "
                    + Units.seconds(point.took().toNanos() / 1e9) + " in all)"));
            ctx.add(Figure.info(point.label() + ": aggregation per run",
                    point.aggregation().map(PerRunCost::describe).orElseGet(() -> failure(point, where))));
            point.held().ifPresent(held -> ctx.add(Figure.info(point.label() + ": aggregation per run with the "
                    + "configurations held (second pass)", held.cost().describe() + "; a configuration's life beyond its "
                    + "runs " + lifeText(point.lifeMicros()) + " CPU (stream threads " + lifeText(point.streamLifeMicros())
                    + ") per configuration")));
            point.held().flatMap(HeldPass::fewTouched).ifPresent(few -> ctx.add(Figure.info(point.label()
                    + ": aggregation per run with the configurations held and " + HeldPass.FEW + " touched (third pass)",
                    few.describe())));
            ctx.add(Figure.info(point.label() + ": aggregation state", "RocksDB " + Units.bytes(point.stateWhileRunning())
                    + " on disk while running, " + Units.bytes(point.stateOnDisk()) + " once closed"
                    + (point.held().isPresent() ? " after its further passes" : "") + "; changelogs " + Units.bytes(point.changelogs().bytes()) + " in "
                    + Units.count(point.changelogs().records()) + " records (largest "
                    + recordBytes(point.changelogs().largest()) + ")"));
            ctx.add(Figure.info(point.label() + ": largest record per topic", point.topics().entrySet().stream()
                    .map(e -> e.getKey() + " " + (e.getValue().records() == 0 ? "empty"
                            : recordBytes(e.getValue().largest())))
                    .collect(Collectors.joining(", "))));
        }
    }

    private void addGrowths(List<ScalingPoint> points, String series) {
        ScalingGrowths.of(points, series).forEach(ctx::add);
    }

    /** "model-metrics record 48 MiB > 16 MiB limit: aggregation failed at 20,000 configurations". */
    private static String failure(ScalingPoint point, String where) {
        if (point.timedOut().isPresent()) {
            return "did not catch up " + point.timedOut().get() + ": aggregation failed" + where;
        }
        if (point.refusal().isEmpty()) {
            return "failed";
        }
        Refusal refusal = point.refusal().get();
        String topic = refusal.topic();
        Optional<Topic<?>> ours = Topics.all().stream().filter(t -> topic.endsWith("." + t.baseName())).findFirst();
        String limit = ours.filter(Topic::allowsLargeRecords)
                .map(t -> " > " + Units.bytes(t.maxRecordBytes()) + " limit")
                .orElse(" refused (" + refusal.reason() + ")");
        return ours.map(Topic::baseName).orElse(topic) + " record " + recordBytes(refusal.bytes()) + limit
                + ": aggregation failed" + where;
    }

    private static String lifeText(OptionalDouble micros) {
        return micros.isPresent() ? String.format(Locale.ROOT, "%,.1f µs", micros.getAsDouble()) : "—";
    }

    /** "20,010 (96 MiB)": a topic's records and their keys' and values' bytes. */
    private static String recordsAndBytes(TopicSizes sizes) {
        return Units.count(sizes.records()) + " (" + recordBytes(sizes.bytes()) + ")";
    }

    private static String recordBytes(long bytes) {
        return bytes < 10 * 1024 ? String.format(Locale.ROOT, "%,d B", bytes) : Units.bytes(bytes);
    }

    private void notes() {
        ctx.note("Each point runs on a fresh pipeline of the product's services (topics of its own, the embedded "
                + "broker shared): ingest as `chimera run` does it (" + ctx.options().ingest().readers() + " readers, "
                + "at most " + ctx.options().ingest().maxFilesPerTransaction() + " files per transaction), then the "
                + "aggregation (Kafka Streams, exactly_once_v2, the product's defaults) timed from RUNNING until its "
                + "committed offsets cover every run, as in the throughput measures. Cost per run = the process's CPU "
                + "time (every thread, the broker's too) and the wall time of that measure, divided by the runs ingest "
                + "published; beside the aggregation's, its stream threads' own CPU time per run (informative: the "
                + "process's figure also counts the JIT's compilers, the garbage collector and the broker). Warm-up "
                + "points (the smallest corpus, then one model with the most configurations at the "
                + "largest point's runs each, ingested and aggregated once) run first so that no point is measured while the JIT "
                + "compiles the paths of its series, and before each point a full collection clears what the points "
                + "before it left on the heap, so that none pays for another's garbage.");
        ctx.note("Files series: the bench's mixed corpus (" + ctx.options().models() + " models, every shape, 5 % "
                + "unusable files), seed " + ctx.options().seed() + ". Configurations series: one model (" + SWEPT_MODEL
                + ") in param-sweep CSVs of 100 configurations each, " + Units.count(plan.configRuns())
                + " runs in all at each point split evenly over its configurations (at least one run each), so the "
                + "runs stay the same while the configurations grow.");
        ctx.note("State: the bytes under the aggregation's state folder (RocksDB) once it caught up and emitted, "
                + "and again once closed (closing flushes the stores' memtables to disk, but a close that times out or a "
                + "failed task wipes an exactly-once store), and "
                + "every record of its changelog topics read back from the broker. Largest record per topic: key and "
                + "value bytes of every committed record of each of our topics, read back from the broker; topics "
                + "the analysis and report services write are empty here (they do not run in this measure).");
        ctx.note("A record the cluster refuses the aggregation (over a topic's limit) is seen by a production "
                + "exception handler that answers as Kafka Streams' default (fail) and remembers the record "
                + "(`RefusedRecordWatch`); the point's aggregation is then reported failed with the record's size, "
                + "and its series misses whatever its other points say.");
        ctx.note("Verdict of a series: each point's cost per run over the first point's (the smallest work), the "
                + "largest of those ratios, at most " + ScalingPlan.MOST_GROWTH + "×. A cost that falls as the work "
                + "grows passes (\"falls\": the small point carries the fixed costs, first transactions, Kafka "
                + "Streams' first commits, first emissions, over fewer runs); a growth anywhere in the series, a hump "
                + "in the middle too, counts. The band (largest ÷ smallest, whichever way) is shown, not judged.");
    }

    private void every(int done, int step, String line) {
        if (done % step == 0) {
            progress.update(line);
        }
    }

    /** The cluster refused the aggregation a record: the point's aggregation failed. */
    private static final class Refused extends RuntimeException {
        private final transient Refusal refusal;

        Refused(Refusal refusal) {
            super(refusal.topic() + ": " + refusal.reason(), null, false, false);
            this.refusal = refusal;
        }
    }
}
