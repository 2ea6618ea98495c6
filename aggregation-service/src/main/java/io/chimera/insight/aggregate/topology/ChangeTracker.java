package io.chimera.insight.aggregate.topology;

import io.chimera.insight.aggregate.memory.WeightedLru;
import io.chimera.insight.aggregate.state.ChangeStore;
import io.chimera.insight.aggregate.statistics.ChangeFile;
import io.chimera.insight.aggregate.statistics.ChangeReconciler;
import io.chimera.insight.aggregate.statistics.ColdRuns;
import io.chimera.insight.aggregate.statistics.ConfigKeys;
import io.chimera.insight.aggregate.statistics.EmittedChange;
import io.chimera.insight.aggregate.statistics.LoadBins;
import io.chimera.insight.aggregate.statistics.RetractedChange;
import io.chimera.insight.aggregate.statistics.RunPoint;
import io.chimera.insight.aggregate.statistics.SeriesHistory;
import io.chimera.insight.aggregate.statistics.SeriesId;
import io.chimera.insight.aggregate.statistics.SeriesPoint;
import io.chimera.insight.aggregate.statistics.SeriesState;
import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.ChangeEventKind;
import io.chimera.insight.events.Metric;
import io.chimera.insight.events.ModelChanges;
import io.chimera.insight.events.PerformanceChange;
import io.chimera.insight.events.RecordKind;
import io.chimera.insight.platform.change.ChangeDetector;
import io.chimera.insight.platform.change.ChangePoint;
import io.chimera.insight.platform.change.PerformanceChanges;
import io.chimera.insight.platform.metrics.Better;
import io.chimera.insight.platform.metrics.CanonicalMetric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Change detection in the aggregation: keeps each series' history (a headline metric of one
 * configuration of one model) as runs arrive and files are replaced, and, when the model is due
 * (the analysis trigger's debounce), evaluates the series that changed: bound the history, ask the
 * detector, publish what is new and retract what is gone ({@link ChangeReconciler}).
 *
 * <p>Why evaluate at the debounce and not on every run: a file's runs arrive one by one, and a
 * replaced file first loses its old runs, then gets its new ones. Judging a series half-way through
 * would publish a change and retract it a moment later. The debounce waits for the burst to end
 * (quiet 2 s, at most 30 s by default), the same moment the model's analysis is requested.
 */
final class ChangeTracker {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeTracker.class);

    /** Where the change events go; the processor forwards them to the sink. */
    interface Output {
        void change(String model, PerformanceChange event, long timestamp);
    }

    /**
     * The metric whose series holds warm runs only. A cold run's TTFT includes the model's load (in
     * the examples corpus about 1.2 s against 65 ms warm): mixed in, a cold run or two after a step
     * can hide it, or make one. Tokens/s keeps every run: it is the generation rate, measured after
     * the load, which a cold start does not slow.
     */
    static final String WARM_ONLY = CanonicalMetric.TTFT_MS.canonicalName();

    private static final List<String> WATCHED_METRICS =
            CanonicalMetric.headlines().stream().map(CanonicalMetric::canonicalName).toList();

    /** Models whose {@link ModelChanges} are remembered between evaluations ({@link #changes}). */
    static final int MODEL_CHANGES_HELD = 256;
    /** Files whose place in time is remembered ({@link #placeOf}): about 300 bytes each. */
    static final int FILE_PLACES_HELD = 16_384;

    private final ChangeStore store;
    private final ReadOnlyKeyValueStore<String, BenchmarkFile> catalog;
    private final ChangeDetection detection;
    private final Output output;
    /**
     * Each model's changes as {@link #changes} last built them: a model-metrics refresh between two evaluations
     * carries the same changes, and building them read every series state of the model. Derived from the change
     * store like its own memory (this tracker is created with it in the processor's {@code init}), and dropped
     * whenever an evaluation writes or deletes a state of the model (not at every evaluation: most change no
     * state, and rebuilding the changes after each was a tenth of an evaluation's cost, profiled in the
     * bench). A run that gives the model new series changes only how many it watches
     * (a series' first state holds no change and no retraction): the changes remembered are kept with that
     * count raised ({@link #watchingMore}), not built again by reading every state of the model, which a
     * sweep's new configurations did at each emission (docs/benchmarks.md, "What row 14 loses").
     */
    private final WeightedLru<String, ModelChanges> changesByModel = WeightedLru.counting(MODEL_CHANGES_HELD);
    /**
     * The places of file versions whose modified time the catalog has shown: a version's modified
     * time does not change (a changed file is a new version), so it is looked up once, not at every
     * evaluation. A place is used only while the change store's entry of the file is that version
     * (sha256 and path); a version the catalog does not know yet is looked up again at the next
     * evaluation, as the catalog may learn of a file after its runs.
     */
    private final WeightedLru<FileRef, FilePlace> placedFiles = WeightedLru.counting(FILE_PLACES_HELD);
    /** Each series' divergence search at its last evaluation, resumed by the next ({@link DivergenceSweeps}). */
    private final DivergenceSweeps sweeps = new DivergenceSweeps(DivergenceSweeps.BUDGET_VALUES);
    /** Each configuration's runs placed in series order at its last evaluation, kept by the next ({@link PlacedRuns}). */
    private final PlacedConfigs placed = new PlacedConfigs(PlacedConfigs.BUDGET_RUNS);
    /** How each metric of {@link RunPoint#METRICS} is judged, by its index there. */
    private final MetricJudgement[] judgements;

    ChangeTracker(ChangeStore store, ReadOnlyKeyValueStore<String, BenchmarkFile> catalog, ChangeDetection detection,
                  Output output) {
        this.store = store;
        this.catalog = catalog;
        this.detection = detection;
        this.output = output;
        this.judgements = RunPoint.METRICS.stream().map(metric -> MetricJudgement.of(metric, detection))
                .toArray(MetricJudgement[]::new);
    }

    /**
     * How a metric's series are judged, the same for every series and evaluation: built once, not per
     * series and evaluation (each built its detectors and looked its settings and catalogue entry up
     * by name, profiled in the bench). A detector holds nothing but its settings.
     */
    private record MetricJudgement(String metric, boolean warmOnly, ChangeDetector detector, int minSegment,
                                   Optional<ChangeDetector> keepDetector, Better better) {

        static MetricJudgement of(String metric, ChangeDetection detection) {
            return new MetricJudgement(metric, metric.equals(WARM_ONLY), detection.detectorFor(metric),
                    detection.settings().forMetric(metric).minSegment(), detection.keepDetectorFor(metric),
                    CanonicalMetric.named(metric).map(CanonicalMetric::better).orElse(Better.NEITHER));
        }
    }

    /** One evaluation of a model: what it shares between its configurations, and what it found. */
    private static final class Pass {
        final long now;
        final ColdRuns cold;
        /** The places of the model's files, looked up once per evaluation. */
        final Map<String, FilePlace> files = new HashMap<>();
        final List<PerformanceChange> retracted = new ArrayList<>();
        int published;
        /** Whether it wrote or deleted a series state: only then can the model's changes differ. */
        boolean statesWritten;

        Pass(long now, ColdRuns cold) {
            this.now = now;
            this.cold = cold;
        }
    }

    /**
     * Adds a run's point (its headline metrics, its load duration) to its configuration. Failed runs
     * and the rig's summaries are not runs of the series; a metric the run lacks (or cannot tell: not
     * finite) is no point of that metric's series, and a run with neither adds nothing.
     *
     * @param configKey the run's {@link ConfigKeys#of config key}
     * @param offset the run record's offset: its order among runs at the same time
     */
    void runAdded(String model, BenchmarkRun run, String configKey, long offset, long now) {
        if (!run.getOk() || run.getKind() != RecordKind.RUN) {
            return;
        }
        double[] values = new double[RunPoint.METRICS.size()];
        for (int i = 0; i < values.length; i++) {
            Metric value = run.getMetrics().get(RunPoint.METRICS.get(i));
            values[i] = value == null || !Double.isFinite(value.getValue()) ? Double.NaN : value.getValue();
        }
        long observedAt = run.getObservedAt() == null ? SeriesPoint.UNKNOWN : run.getObservedAt().toEpochMilli();
        RunPoint point = new RunPoint(offset, observedAt, run.getIngestedAt().toEpochMilli(), loadMs(run), values);
        if (!point.hasAnyValue()) {
            return;
        }
        int newSeries = store.add(model, configKey, run.getConfig(), run.getFileId(),
                run.getFileSha256(), run.getPath(), run.getRunId(), point, now);
        if (newSeries > 0) {
            watchingMore(model, newSeries);
        }
    }

    /**
     * The model watches {@code newSeries} more series, each with its first state: the changes remembered
     * (if any) are replaced by the same changes with that count added. The record is shared by the records
     * that carry it and never modified, so a new one is made; its lists are the remembered ones'.
     */
    private void watchingMore(String model, int newSeries) {
        ModelChanges remembered = changesByModel.get(model);
        if (remembered != null) {
            changesByModel.put(model, new ModelChanges(remembered.getWatchedSeries() + newSeries,
                    remembered.getWatchedMetrics(), remembered.getStanding(), remembered.getRetracted()));
        }
    }

    /** The run's load duration in ms, as the aggregate's cold/warm split reads it; NaN when it has none. */
    private static double loadMs(BenchmarkRun run) {
        Metric load = run.getMetrics().get(LoadBins.LOAD.name());
        return load == null || !load.getUnit().equals(LoadBins.LOAD.unit()) ? Double.NaN : load.getValue();
    }

    /** The model's runs of {@code fileId} are gone (a newer version replaced the file): they leave its series too. */
    void fileReplaced(String model, String fileId, long now) {
        List<String> touched = store.dropFile(model, fileId, now);
        if (!touched.isEmpty()) {
            LOG.debug("File {} replaced: {} change-detection configurations of {} lose its runs", fileId, touched.size(), model);
        }
    }

    /**
     * Evaluates the model's series that changed since their last evaluation.
     *
     * @param coldRuns the model's cold runs as its aggregate classifies them now, asked for only when a
     *                 configuration is due: their runs are left out of the series of {@link #WARM_ONLY}
     * @return the model's changes as they stand after it, with its recent retractions, and whether it published any event
     */
    ChangeEvaluation evaluate(String model, long now, Supplier<ColdRuns> coldRuns) {
        List<String> due = store.dueConfigs(model);
        Pass pass = new Pass(now, due.isEmpty() ? ColdRuns.NONE : coldRuns.get());
        for (String configKey : due) {
            evaluate(model, configKey, pass);
        }
        store.modelEvaluated(model);
        if (pass.statesWritten) {
            // The model's changes are built from its series states alone: while an evaluation writes
            // none (the common case while runs stream in), the ones remembered are those it would build.
            changesByModel.remove(model);
        }
        return new ChangeEvaluation(changes(model), pass.published + pass.retracted.size() > 0);
    }

    /** Whether the model took so many points since its evaluation that it is evaluated now ({@link ChangeStore#evaluationOverdue}). */
    boolean evaluationOverdue(String model) {
        return store.evaluationOverdue(model);
    }

    /**
     * The model's standing changes (as their events would carry them, newest first), its recent
     * retractions (the newest {@link SeriesState#RETRACTIONS_KEPT} per series, as their events carried
     * them, most recently retracted first) and the series watched. The same after an evaluation and
     * between two: a report made later still shows a retraction. Remembered until a series of the
     * model changes ({@code changesByModel}); the record is shared by the records that carry it, and
     * never modified.
     */
    ModelChanges changes(String model) {
        ModelChanges remembered = changesByModel.get(model);
        if (remembered == null) {
            remembered = changesOf(model);
            changesByModel.put(model, remembered);
        }
        return remembered;
    }

    /** The model's changes, built from its series states; see {@link #changes}. */
    private ModelChanges changesOf(String model) {
        ChangeStore.WatchedSeries watched = store.watched(model);
        List<PerformanceChange> standing = new ArrayList<>();
        List<PerformanceChange> retracted = new ArrayList<>();
        for (KeyValue<SeriesId, SeriesState> series : watched.withChanges()) {
            for (EmittedChange change : series.value.emitted()) {
                standing.add(ChangeEvents.of(ChangeEventKind.CHANGE, series.key, series.value.config(), change, 0));
            }
            for (RetractedChange retraction : series.value.retracted()) {
                retracted.add(ChangeEvents.of(ChangeEventKind.RETRACTION, series.key, series.value.config(),
                        retraction.change(), retraction.retractedAt()));
            }
        }
        standing.sort(PerformanceChanges.NEWEST_FIRST);
        retracted.sort(Comparator.comparing(PerformanceChange::getRetractedAt).reversed()
                .thenComparing(PerformanceChanges.NEWEST_FIRST));
        return ModelChanges.newBuilder()
                .setWatchedSeries(watched.count())
                .setWatchedMetrics(WATCHED_METRICS)
                .setStanding(standing)
                .setRetracted(retracted)
                .build();
    }

    /**
     * Evaluates one configuration's series: bounds its runs' history (the bound counts runs, so it is
     * applied to the configuration's points, which every series of it shares), then each metric's
     * series. Adds what it publishes and retracts to {@code pass}.
     */
    private void evaluate(String model, String configKey, Pass pass) {
        PlacedRuns placedRuns = placed.of(model, configKey);
        List<PlacedRuns.Slot> ordered = placedRuns.order(store.runs(model, configKey),
                fileId -> pass.files.computeIfAbsent(fileId, id -> placeOf(model, id)), ChangeTracker::place);
        placed.used(placedRuns);
        List<SeriesPoint> places = new ArrayList<>(ordered.size());
        for (PlacedRuns.Slot slot : ordered) {
            places.add(slot.place());
        }
        SeriesHistory runs = SeriesHistory.ordered(places, new double[places.size()], SeriesPoint.UNKNOWN);
        List<SeriesPoint> dropped = runs.trim(detection.bound());
        if (!dropped.isEmpty()) {
            store.trimmed(model, configKey, dropped);
            Set<String> keptFiles = new HashSet<>();
            runs.points().forEach(point -> keptFiles.add(point.fileId()));
            Set<String> leftFiles = new LinkedHashSet<>();
            dropped.forEach(point -> leftFiles.add(point.fileId()));
            leftFiles.removeAll(keptFiles);
            store.filesLeft(model, configKey, leftFiles);
        }
        // The bound drops the oldest: the slots of the runs kept are the last ones.
        List<PlacedRuns.Slot> kept = ordered.subList(dropped.size(), ordered.size());
        for (int metric = 0; metric < judgements.length; metric++) {
            evaluate(new SeriesId(model, configKey, judgements[metric].metric()), metric, runs.trimmedThrough(), kept,
                    pass);
        }
        store.evaluated(model, configKey);
    }

    /**
     * Evaluates one series over its configuration's bounded runs, in series order (see
     * {@link #evaluate(String, String, Pass)}); for {@link #WARM_ONLY}, over the runs the pass's cold
     * runs call warm.
     */
    private void evaluate(SeriesId id, int metric, long runsTrimmedThrough, List<PlacedRuns.Slot> runs, Pass pass) {
        MetricJudgement judgement = judgements[metric];
        ColdRuns cold = pass.cold;
        long now = pass.now;
        SeriesState stored = store.state(id);
        SeriesState state = stored;
        boolean warmOnly = judgement.warmOnly();
        List<SeriesPoint> points = new ArrayList<>(runs.size());
        double[] values = new double[runs.size()];
        boolean anyValue = false;
        for (PlacedRuns.Slot slot : runs) {
            RunPoint run = slot.run().point();
            double value = run.value(metric);
            if (Double.isFinite(value)) {
                anyValue = true;
                if (!(warmOnly && cold.cold(run.loadMs()))) {
                    values[points.size()] = value;
                    points.add(slot.place());
                }
            }
        }
        if (state == null && points.isEmpty()) {
            return;
        }
        if (state == null) {
            state = SeriesState.first(Map.of());
        }
        SeriesHistory history = SeriesHistory.ordered(points, Arrays.copyOf(values, points.size()),
                Math.max(state.trimmedThrough(), runsTrimmedThrough));
        List<ChangePoint> detected = history.size() == 0 ? List.of()
                : sweeps.detect(id, judgement.detector(), judgement.minSegment(), history.values());
        // The keep search runs only when a published change went unmatched at the publish alpha.
        Optional<ChangeDetector> keepDetector = judgement.keepDetector();
        Supplier<List<ChangePoint>> keep = () -> history.size() == 0 || keepDetector.isEmpty() ? List.of()
                : keepDetector.get().detect(history.values());
        ChangeReconciler.Outcome outcome = ChangeReconciler.reconcile(history, detected, keep, state.emitted(),
                judgement.better(), now);
        SeriesState next = state.evaluated(history.trimmedThrough(), outcome.kept(), outcome.retracted(), now);
        // A series whose runs are all cold for now is kept: the threshold may move, and its state holds its configuration.
        boolean forget = !anyValue && next.holdsNoChanges();
        if (forget) {
            sweeps.forget(id);
        }
        // An unchanged state is the very same one (SeriesState.evaluated): one reference check.
        if (forget || (next != stored && !next.equals(stored))) {
            // An evaluation that changed nothing (the common case while runs stream in) writes nothing.
            store.evaluated(id, next, forget);
            pass.statesWritten = true;
        }
        // Retractions first: when a replaced file moves a change, consumers see the old one go, then the new one.
        for (EmittedChange change : outcome.retracted()) {
            LOG.info("Retracting change of {} {} [{}] at run {}: no longer found", id.model(), id.metric(), id.configKey(),
                    change.firstRunId());
            PerformanceChange event = ChangeEvents.of(ChangeEventKind.RETRACTION, id, next.config(), change, now);
            pass.retracted.add(event);
            output.change(id.model(), event, now);
        }
        for (EmittedChange change : outcome.published()) {
            LOG.info("{} of {} {} [{}] from run {}: {} -> {}", change.direction(), id.model(), id.metric(), id.configKey(),
                    change.firstRunId(), change.before().mean(), change.after().mean());
            output.change(id.model(), ChangeEvents.of(ChangeEventKind.CHANGE, id, next.config(), change, now), now);
        }
        pass.published += outcome.published().size();
    }

    /** A file version's fields and, when the catalog holds that very version, its modified time. */
    private record FilePlace(String sha256, String path, long modifiedAt) {
    }

    /** A model's file, as {@link #placedFiles} knows it. */
    private record FileRef(String model, String fileId) {
    }

    /**
     * The run's place in its series (its value left NaN: each series puts its metric's in): its ids,
     * its file's fields, and its file's modified time when the catalog holds that very version.
     */
    private static SeriesPoint place(ChangeStore.StoredRun run, FilePlace file) {
        RunPoint point = run.point();
        long fileTime = point.observedAt() == SeriesPoint.UNKNOWN ? file.modifiedAt() : SeriesPoint.UNKNOWN;
        return new SeriesPoint(run.runId(), run.fileId(), file.sha256(), file.path(), point.seq(), Double.NaN,
                point.observedAt(), fileTime, point.ingestedAt());
    }

    /** The file's place (see {@link #placedFiles}): remembered, or from its change-store entry and the catalog. */
    private FilePlace placeOf(String model, String fileId) {
        ChangeFile kept = store.file(model, fileId);
        // Every point's file is kept (both are written by the point's run, dropped together);
        // were it missing, the point would still count, placed by its own or its ingest time.
        String sha256 = kept == null ? "" : kept.sha256();
        String path = kept == null ? "" : kept.path();
        FileRef ref = new FileRef(model, fileId);
        FilePlace known = placedFiles.get(ref);
        if (known != null && known.sha256().equals(sha256) && known.path().equals(path)) {
            return known;
        }
        BenchmarkFile catalogued = catalog.get(fileId);
        long modifiedAt = catalogued != null && catalogued.getSha256().equals(sha256)
                && catalogued.getModifiedAt().toEpochMilli() > 0
                ? catalogued.getModifiedAt().toEpochMilli() : SeriesPoint.UNKNOWN;
        FilePlace place = new FilePlace(sha256, path, modifiedAt);
        if (modifiedAt != SeriesPoint.UNKNOWN) {
            placedFiles.put(ref, place);
        }
        return place;
    }
}
