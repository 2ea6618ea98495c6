package io.chimera.insight.aggregate.topology;

import io.chimera.insight.aggregate.state.AggregateStore;
import io.chimera.insight.aggregate.state.ChangeStore;
import io.chimera.insight.aggregate.state.ConfigChunk;
import io.chimera.insight.aggregate.state.ConfigStates;
import io.chimera.insight.aggregate.state.PendingModel;
import io.chimera.insight.aggregate.state.PointChunk;
import io.chimera.insight.aggregate.statistics.ChangeFile;
import io.chimera.insight.aggregate.statistics.ColdRuns;
import io.chimera.insight.aggregate.statistics.ConfigAggregate;
import io.chimera.insight.aggregate.statistics.FileVersion;
import io.chimera.insight.aggregate.statistics.LastConfigKey;
import io.chimera.insight.aggregate.statistics.RunningAggregates;
import io.chimera.insight.aggregate.statistics.RunningModel;

import io.chimera.insight.events.AnalysisRequest;
import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.ModelChanges;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.events.PerformanceChange;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds each benchmark run into its model's aggregate and its change-detection series
 * ({@link ChangeTracker}) and marks the model pending; two wall-clock punctuators emit the results
 * ({@link AnalysisTrigger}; a model that is due has its changed series evaluated first) and drop
 * superseded file versions ({@link FileVersionResolver#sweep()}).
 *
 * <p>Input is keyed by model (ingest's contract), so all state of a model lives in one task.
 *
 * <p>The models' running aggregates ({@link RunningAggregates}) and the entries written last
 * ({@code RecentEntries}) live in this processor's memory, beside the stores, and must never
 * outlive the store contents they were derived from. They are dropped in {@link #close()} and
 * created afresh in {@link #init}. That covers the case where the stores change under a live
 * processor: under exactly-once, a task whose transaction is
 * aborted (a failed commit, a fenced producer, a corrupted changelog) is closed dirty and
 * revived by the same {@code StreamTask} with the same processor instances (Kafka Streams 4.1.1,
 * {@code TaskManager.closeDirtyAndRevive}): {@code suspend()} closes the processors, the dirty
 * close wipes the local stores, and once they are restored from their changelogs (the last
 * committed state) {@code initializeTopology()} calls {@code init} on this same object again. Runs
 * folded in since the last commit are then in neither the stores nor the running aggregates; they
 * are read and processed again from the committed offsets. A task moved to another instance, or
 * promoted from a standby, gets new processor instances, so it starts empty too.
 */
final class RunAggregationProcessor implements Processor<String, BenchmarkRun, String, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(RunAggregationProcessor.class);

    private final AggregationSettings settings;
    private final ChangeListener changeListener;
    private final CatalogChanges catalogChanges;
    /** Its output: the aggregation's records, and config-metrics records encoded already ({@link PublishedConfigs}). */
    private ProcessorContext<String, Object> context;
    private AggregateStore aggregates;
    private FileVersionResolver resolver;
    /** The runs' configuration keys, the run before's reused while the configuration repeats. */
    private final LastConfigKey configKeys = new LastConfigKey();
    private AnalysisTrigger trigger;
    private RunningAggregates running;
    private ChangeTracker changes;
    private PublishedConfigs published;
    /** The emission clock paced by the records ({@link AggregationSettings#clockPerRecord()}); null: the wall clock. */
    private PacedClock paced;

    RunAggregationProcessor(AggregationSettings settings) {
        this(settings, ChangeListener.NONE, CatalogChanges.UNTRACKED);
    }

    /**
     * @param catalogChanges counts the writes to the file catalog, when its {@link FileCatalogUpdater} does
     *                       ({@link CatalogChanges#UNTRACKED} when not: then every run reads the catalog)
     */
    RunAggregationProcessor(AggregationSettings settings, ChangeListener changeListener, CatalogChanges catalogChanges) {
        this.settings = settings;
        this.changeListener = changeListener;
        this.catalogChanges = catalogChanges;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        KeyValueStore<String, FileVersion> versions = context.getStateStore(AggregationTopology.FILE_VERSIONS_STORE);
        KeyValueStore<String, ConfigAggregate> configs = context.getStateStore(AggregationTopology.CONFIG_AGGREGATES_STORE);
        KeyValueStore<String, PendingModel> pending = context.getStateStore(AggregationTopology.PENDING_STORE);
        KeyValueStore<String, BenchmarkFile> catalog = context.getStateStore(AggregationTopology.FILE_CATALOG_STORE);
        KeyValueStore<String, PointChunk> points = context.getStateStore(AggregationTopology.CHANGE_RUNS_STORE);
        KeyValueStore<String, ChangeFile> changeFiles = context.getStateStore(AggregationTopology.CHANGE_FILES_STORE);
        KeyValueStore<String, ConfigChunk> fileConfigs = context.getStateStore(AggregationTopology.CHANGE_FILE_CONFIGS_STORE);
        KeyValueStore<String, ConfigStates> series = context.getStateStore(AggregationTopology.CHANGE_SERIES_STORE);
        KeyValueStore<String, Long> due = context.getStateStore(AggregationTopology.CHANGE_DUE_STORE);
        published = new PublishedConfigs(context.getStateStore(AggregationTopology.PUBLISHED_CONFIGS_STORE));
        // Fresh on every init: see the class comment.
        running = new RunningAggregates(RunningAggregates.DEFAULT_BUDGET_BYTES);
        aggregates = new AggregateStore(versions, configs, running);
        changes = new ChangeTracker(new ChangeStore(points, changeFiles, fileConfigs, series, due), catalog, settings.changes(), this::forwardChange);
        resolver = new FileVersionResolver(aggregates,
                new CatalogVersions(catalog, catalogChanges, CatalogVersions.DEFAULT_CAPACITY),
                (model, fileId) -> {
                    if (detecting()) {
                        changes.fileReplaced(model, fileId, now());
                    }
                });
        trigger = new AnalysisTrigger(pending, aggregates,
                new DebouncePolicy(settings.debounce(), settings.maxDelay()), settings.coldStart(), settings.tickBudget(),
                new SinkOutput());
        if (settings.clockPerRecord().isZero()) {
            paced = null;
            context.schedule(settings.punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, trigger::tick);
            context.schedule(settings.replacementSweepInterval(), PunctuationType.WALL_CLOCK_TIME, this::sweep);
        } else {
            // The bench's clock (see PacedClock): ticks after the records that pass an interval; the sweep,
            // which emits nothing, stays on the wall clock, with the paced clock's time.
            paced = new PacedClock(context.currentSystemTimeMs(), settings.clockPerRecord(), settings.punctuateInterval());
            context.schedule(settings.replacementSweepInterval(), PunctuationType.WALL_CLOCK_TIME, wall -> sweep(now()));
        }
    }

    @Override
    public void process(Record<String, BenchmarkRun> record) {
        fold(record);
        if (paced != null && paced.advance()) {
            trigger.tick(paced.now());
        }
    }

    /** The emission clock's time: the wall clock's, unless paced by the records. */
    private long now() {
        return paced == null ? context.currentSystemTimeMs() : paced.now();
    }

    private void fold(Record<String, BenchmarkRun> record) {
        BenchmarkRun run = record.value();
        if (run == null) {
            return;
        }
        String model = run.getModel().isEmpty() ? "unknown" : run.getModel();
        if (record.key() != null && !record.key().equals(model)) {
            LOG.warn("Run {} is keyed '{}' but names model '{}'; aggregating under the model it names",
                    run.getRunId(), record.key(), model);
        }
        Optional<FileVersion> version = resolver.admit(model, run);
        if (version.isEmpty()) {
            return;
        }
        // Sorting the configuration into its key costs; both the aggregate and change detection need it.
        String configKey = configKeys.of(run.getConfig());
        aggregates.add(model, version.get(), run, configKey);
        long offset = context.recordMetadata().map(RecordMetadata::offset).orElse(0L);
        if (detecting()) {
            changes.runAdded(model, run, configKey, offset, now());
        }
        trigger.changed(model, now(), run.getIngestedAt().toEpochMilli());
    }

    /** Drops everything derived from the stores (see the class comment); {@link #init} builds it again. */
    @Override
    public void close() {
        running = null;
        aggregates = null;
        resolver = null;
        trigger = null;
        changes = null;
        published = null;
        paced = null;
    }

    private void sweep(long now) {
        for (FileVersionResolver.Swept swept : resolver.sweep()) {
            trigger.changed(swept.model(), now, swept.newVersion().ingestedAt());
        }
    }

    /** Change detection is on (it is unless {@code --change-detection=false}, see {@link ChangeDetection}). */
    private boolean detecting() {
        return settings.changes().enabled();
    }

    private void forwardChange(String model, PerformanceChange event, long timestamp) {
        context.forward(new Record<String, Object>(model, event, timestamp), AggregationTopology.PERFORMANCE_CHANGES_SINK);
        changeListener.forwarded(event);
    }

    /** Sends the trigger's output to its sinks by name (configurations: only those that changed), and evaluates a due model's changed series first. */
    private final class SinkOutput implements AnalysisTrigger.Output {
        @Override
        public void modelMetrics(String model, ModelMetrics metrics, long timestamp) {
            context.forward(new Record<String, Object>(model, metrics, timestamp), AggregationTopology.MODEL_METRICS_SINK);
        }

        @Override
        public void analysisRequest(String model, AnalysisRequest request, long timestamp) {
            context.forward(new Record<String, Object>(model, request, timestamp), AggregationTopology.ANALYSIS_REQUESTS_SINK);
        }

        @Override
        public PublishedConfigs.Published configMetrics(String model, RunningModel runningModel, List<ConfigStats> configs,
                                                        long timestamp) {
            return published.publish(model, runningModel, configs, timestamp, (key, stats, at) -> context.forward(
                    new Record<String, Object>(key, stats, at), AggregationTopology.CONFIG_METRICS_SINK));
        }

        @Override
        public ChangeEvaluation due(String model, RunningModel runningModel, long now) {
            return detecting()
                    ? changes.evaluate(model, now, () -> ColdRuns.of(settings.coldStart(), runningModel))
                    : ChangeEvaluation.OFF;
        }

        @Override
        public ModelChanges changes(String model) {
            return detecting() ? changes.changes(model) : null;
        }

        @Override
        public boolean evaluationOverdue(String model) {
            return detecting() && changes.evaluationOverdue(model);
        }
    }
}
