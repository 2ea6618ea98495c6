package io.chimera.insight.aggregate.topology;

import io.chimera.insight.aggregate.state.AggregateStore;
import io.chimera.insight.aggregate.state.PendingModel;
import io.chimera.insight.aggregate.statistics.ColdStartRule;
import io.chimera.insight.aggregate.statistics.ModelMetricsAssembler;
import io.chimera.insight.aggregate.statistics.RunningModel;

import io.chimera.insight.events.AnalysisRequest;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.ModelChanges;
import io.chimera.insight.events.ModelMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wall-clock side of the aggregation: on each tick, emits an analysis request for models that
 * are due (see {@link DebouncePolicy}), with their model-metrics, and model-metrics for models
 * that changed and still receive runs, at most once per debounce. A burst of any size therefore
 * yields one request per model, and a few model-metrics updates.
 *
 * <p>Why model-metrics is not refreshed on every tick: assembling it merges every configuration
 * (and used to encode them all into the record), so its cost grows with configurations × files.
 * Emitting it every 200 ms for every busy model was most of the aggregation's work under a burst,
 * for figures nobody waits on: analyses and reports start from the request, which always carries
 * the final figures.
 *
 * <p>Each emission first writes the model's changed configurations to {@code config-metrics}
 * ({@link PublishedConfigs}); the model record and the request then count them
 * ({@code configCount}, {@code configsDigest}, {@code configsAt}) instead of carrying them, so no
 * record grows with a sweep's configurations. When the last emission
 * happened is kept in memory only: after a restart a busy model's next tick emits at once, which
 * is harmless.
 */
final class AnalysisTrigger {

    private static final Logger LOG = LoggerFactory.getLogger(AnalysisTrigger.class);

    /** Where the trigger's output goes; the processor forwards it to the sinks. */
    interface Output {
        void modelMetrics(String model, ModelMetrics metrics, long timestamp);

        void analysisRequest(String model, AnalysisRequest request, long timestamp);

        /**
         * The model's configurations as the model-metrics record or request about to go out counts them;
         * called before either, so that they are written first, in the same transaction.
         *
         * @param running the model {@code configs} were assembled from
         * @param configs every configuration of a model not yet published once, else only the snapshots made
         *                since its last emission ({@link PublishedConfigs#publish})
         * @return the digest of {@code configs} and when they were last written, for the record
         */
        PublishedConfigs.Published configMetrics(String model, RunningModel running, List<ConfigStats> configs,
                                                 long timestamp);

        /**
         * {@code model} is due (its burst of changes is over); called before its request is made.
         *
         * @return the model's performance changes after this moment's evaluation, for its aggregate
         */
        default ChangeEvaluation due(String model, long now) {
            return ChangeEvaluation.OFF;
        }

        /** The model's standing performance changes between evaluations, for a refreshed aggregate; null when none are watched. */
        default ModelChanges changes(String model) {
            return null;
        }
    }

    private final KeyValueStore<String, PendingModel> pending;
    private final AggregateStore aggregates;
    private final DebouncePolicy policy;
    private final ColdStartRule coldStart;
    private final Output output;
    /** Models of the current pending cycle to when their model-metrics was last emitted. */
    private final Map<String, Long> metricsEmittedAt = new HashMap<>();
    /**
     * What this trigger last wrote to {@link #pending} per model (absent: read the store), so that a
     * run does not decode its model's entry again, and a run that changes nothing in it (another run of
     * the same millisecond, ingested no earlier than the oldest pending one) writes nothing. Every write
     * of the store goes through this trigger, and the trigger is created afresh with its processor's
     * stores ({@code RunAggregationProcessor.init}), so this never differs from the store.
     */
    private final Map<String, PendingModel> written = new HashMap<>();

    AnalysisTrigger(KeyValueStore<String, PendingModel> pending, AggregateStore aggregates, DebouncePolicy policy,
                    ColdStartRule coldStart, Output output) {
        this.pending = pending;
        this.coldStart = coldStart;
        this.aggregates = aggregates;
        this.policy = policy;
        this.output = output;
    }

    /** Records a change of {@code model}'s aggregate at wall-clock {@code now}, caused by a record ingested at {@code ingestedAt}. */
    void changed(String model, long now, long ingestedAt) {
        PendingModel current = written.get(model);
        if (current == null) {
            current = pending.get(model);
        }
        PendingModel next = current == null
                ? PendingModel.firstChange(now, ingestedAt)
                : current.changedAgain(now, ingestedAt);
        if (!next.equals(current)) {
            put(model, next);
        }
    }

    private void put(String model, PendingModel state) {
        pending.put(model, state);
        written.put(model, state);
    }

    /** One tick at wall-clock {@code now}. */
    void tick(long now) {
        for (KeyValue<String, PendingModel> entry : snapshot()) {
            String model = entry.key;
            PendingModel state = entry.value;
            Optional<String> reason = policy.dueReason(state, now);
            boolean refresh = state.metricsDirty()
                    && (reason.isPresent() || policy.metricsRefreshDue(metricsEmittedAt.get(model), now));
            if (!refresh && reason.isEmpty()) {
                continue;
            }
            // The series are evaluated first, so the request carries the changes just published; and
            // model-metrics too, whenever the evaluation published an event.
            ModelChanges changes;
            if (reason.isPresent()) {
                ChangeEvaluation evaluation = output.due(model, now);
                changes = evaluation.changes();
                refresh = refresh || evaluation.published();
            } else {
                changes = output.changes(model);
            }
            RunningModel running = aggregates.running(model);
            ModelMetrics metrics;
            List<ConfigStats> configs;
            if (running.publishedOnce()) {
                // Only what changed since the model's last emission is snapshotted and published.
                ModelMetricsAssembler.Emission emission = ModelMetricsAssembler.emission(model, running, coldStart,
                        state.oldestPendingIngestAt(), state.lastChangeAt());
                metrics = emission.metrics();
                configs = emission.unpublished();
            } else {
                // A model built afresh: every configuration is compared with what config-metrics holds.
                metrics = ModelMetricsAssembler.assemble(model, running, coldStart, state.oldestPendingIngestAt(),
                        state.lastChangeAt());
                configs = metrics.getConfigs();
            }
            metrics.setChanges(changes);
            // The configurations go as records of their own; the model record counts them (bounded size).
            PublishedConfigs.Published published = output.configMetrics(model, running, configs, now);
            metrics.setConfigsDigest(published.digest());
            metrics.setConfigsAt(Instant.ofEpochMilli(published.writtenAt()));
            metrics.setConfigs(List.of());
            if (refresh) {
                output.modelMetrics(model, metrics, now);
                metricsEmittedAt.put(model, now);
            }
            if (reason.isPresent()) {
                // A model known only from the rig's own summaries has no runs to analyse or report on.
                if (metrics.getRuns() > 0) {
                    output.analysisRequest(model, request(model, reason.get(), metrics, state, now), now);
                    LOG.debug("Requested analysis of {} ({}), {} runs", model, reason.get(), metrics.getRuns());
                } else {
                    LOG.debug("No analysis of {}: it has summary records only", model);
                }
                pending.delete(model);
                written.remove(model);
                metricsEmittedAt.remove(model);
            } else {
                put(model, state.metricsEmitted());
            }
        }
    }

    /** Copied out first: the loop writes to the store it would otherwise be iterating. */
    private List<KeyValue<String, PendingModel>> snapshot() {
        List<KeyValue<String, PendingModel>> entries = new ArrayList<>();
        try (KeyValueIterator<String, PendingModel> all = pending.all()) {
            all.forEachRemaining(entries::add);
        }
        return entries;
    }

    private static AnalysisRequest request(String model, String reason, ModelMetrics metrics, PendingModel state, long now) {
        return AnalysisRequest.newBuilder()
                .setRequestId(requestId(model, now))
                .setModel(model)
                .setReason(reason)
                .setMetrics(metrics)
                .setOldestPendingIngestAt(Instant.ofEpochMilli(state.oldestPendingIngestAt()))
                .setRequestedAt(Instant.ofEpochMilli(now))
                .setAttempt(1)
                .build();
    }

    /**
     * Unique because a model gets at most one request per tick, and reproducible from the
     * request's own model and requestedAt (useful to trace and in tests).
     */
    private static String requestId(String model, long now) {
        return UUID.nameUUIDFromBytes((model + '\n' + now).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
