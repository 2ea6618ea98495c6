package io.chimera.insight.aggregate.topology;

import io.chimera.insight.aggregate.state.ChangeStore;
import io.chimera.insight.aggregate.statistics.ChangeReconciler;
import io.chimera.insight.aggregate.statistics.ConfigKeys;
import io.chimera.insight.aggregate.statistics.EmittedChange;
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
import io.chimera.insight.platform.change.ChangePoint;
import io.chimera.insight.platform.change.PerformanceChanges;
import io.chimera.insight.platform.metrics.Better;
import io.chimera.insight.platform.metrics.CanonicalMetric;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    private static final List<String> WATCHED_METRICS =
            CanonicalMetric.headlines().stream().map(CanonicalMetric::canonicalName).toList();

    private final ChangeStore store;
    private final ReadOnlyKeyValueStore<String, BenchmarkFile> catalog;
    private final ChangeDetection detection;
    private final Output output;

    ChangeTracker(ChangeStore store, ReadOnlyKeyValueStore<String, BenchmarkFile> catalog, ChangeDetection detection,
                  Output output) {
        this.store = store;
        this.catalog = catalog;
        this.detection = detection;
        this.output = output;
    }

    /**
     * Adds a run's headline metrics to their series. Failed runs and the rig's summaries are not
     * runs of the series; a metric the run lacks (or cannot tell: not finite) adds nothing.
     *
     * @param offset the run record's offset: its order among runs at the same time
     */
    void runAdded(String model, BenchmarkRun run, long offset, long now) {
        if (!run.getOk() || run.getKind() != RecordKind.RUN) {
            return;
        }
        String configKey = ConfigKeys.of(run.getConfig());
        long observedAt = run.getObservedAt() == null ? SeriesPoint.UNKNOWN : run.getObservedAt().toEpochMilli();
        for (CanonicalMetric metric : CanonicalMetric.headlines()) {
            Metric value = run.getMetrics().get(metric.canonicalName());
            if (value == null || !Double.isFinite(value.getValue())) {
                continue;
            }
            SeriesPoint point = new SeriesPoint(run.getRunId(), run.getFileId(), run.getFileSha256(), run.getPath(),
                    offset, value.getValue(), observedAt, SeriesPoint.UNKNOWN, run.getIngestedAt().toEpochMilli());
            store.add(new SeriesId(model, configKey, metric.canonicalName()), run.getConfig(), point, now);
        }
    }

    /** The model's runs of {@code fileId} are gone (a newer version replaced the file): they leave its series too. */
    void fileReplaced(String model, String fileId, long now) {
        List<SeriesId> touched = store.dropFile(model, fileId, now);
        if (!touched.isEmpty()) {
            LOG.debug("File {} replaced: {} change series of {} lose its runs", fileId, touched.size(), model);
        }
    }

    /**
     * Evaluates the model's series that changed since their last evaluation.
     *
     * @return the model's changes as they stand after it, with the retractions it published, and whether it published any event
     */
    ChangeEvaluation evaluate(String model, long now) {
        Map<String, Optional<Long>> fileTimes = new HashMap<>();
        List<PerformanceChange> retracted = new ArrayList<>();
        int published = 0;
        for (SeriesId id : store.dirty(model)) {
            published += evaluate(id, fileTimes, now, retracted);
        }
        return new ChangeEvaluation(changes(model, retracted), published + retracted.size() > 0);
    }

    /**
     * The model's standing changes (as their events would carry them, newest first) and the series
     * watched, with {@code retracted} as the retractions just published.
     */
    ModelChanges changes(String model, List<PerformanceChange> retracted) {
        List<KeyValue<SeriesId, SeriesState>> states = store.states(model);
        List<PerformanceChange> standing = new ArrayList<>();
        for (KeyValue<SeriesId, SeriesState> series : states) {
            for (EmittedChange change : series.value.emitted()) {
                standing.add(ChangeEvents.of(ChangeEventKind.CHANGE, series.key, series.value.config(), change, 0));
            }
        }
        standing.sort(PerformanceChanges.NEWEST_FIRST);
        return ModelChanges.newBuilder()
                .setWatchedSeries(states.size())
                .setWatchedMetrics(WATCHED_METRICS)
                .setStanding(standing)
                .setRetracted(List.copyOf(retracted))
                .build();
    }

    /** Evaluates one series; adds its retractions to {@code retracted} and returns how many changes it published. */
    private int evaluate(SeriesId id, Map<String, Optional<Long>> fileTimes, long now, List<PerformanceChange> retracted) {
        SeriesState state = store.state(id);
        if (state == null) {
            state = SeriesState.first(Map.of());
        }
        List<SeriesPoint> points = new ArrayList<>();
        for (SeriesPoint point : store.points(id)) {
            points.add(withFileTime(point, fileTimes));
        }
        SeriesHistory history = new SeriesHistory(points, state.trimmedThrough());
        List<SeriesPoint> trimmed = history.trim(detection.bound());
        List<ChangePoint> detected = history.size() == 0 ? List.of() : detection.detectorFor(id.metric()).detect(history.values());
        Better better = CanonicalMetric.named(id.metric()).map(CanonicalMetric::better).orElse(Better.NEITHER);
        ChangeReconciler.Outcome outcome = ChangeReconciler.reconcile(history, detected, state.emitted(), better, now);
        SeriesState next = state.evaluated(history.trimmedThrough(), outcome.kept());
        store.evaluated(id, trimmed, next, history.size() == 0);
        // Retractions first: when a replaced file moves a change, consumers see the old one go, then the new one.
        for (EmittedChange change : outcome.retracted()) {
            LOG.info("Retracting change of {} {} [{}] at run {}: no longer found", id.model(), id.metric(), id.configKey(),
                    change.firstRunId());
            PerformanceChange event = ChangeEvents.of(ChangeEventKind.RETRACTION, id, next.config(), change, now);
            retracted.add(event);
            output.change(id.model(), event, now);
        }
        for (EmittedChange change : outcome.published()) {
            LOG.info("{} of {} {} [{}] from run {}: {} -> {}", change.direction(), id.model(), id.metric(), id.configKey(),
                    change.firstRunId(), change.before().mean(), change.after().mean());
            output.change(id.model(), ChangeEvents.of(ChangeEventKind.CHANGE, id, next.config(), change, now), now);
        }
        return outcome.published().size();
    }

    /** The point with its file's modified time, when the catalog holds that very version. */
    private SeriesPoint withFileTime(SeriesPoint point, Map<String, Optional<Long>> fileTimes) {
        if (point.observedAt() != SeriesPoint.UNKNOWN) {
            return point;
        }
        Optional<Long> modifiedAt = fileTimes.computeIfAbsent(point.fileId() + '\u0000' + point.sha256(), k -> {
            BenchmarkFile file = catalog.get(point.fileId());
            return file != null && file.getSha256().equals(point.sha256()) && file.getModifiedAt().toEpochMilli() > 0
                    ? Optional.of(file.getModifiedAt().toEpochMilli()) : Optional.empty();
        });
        return modifiedAt.map(point::withFileModifiedAt).orElse(point);
    }
}
