package io.chimera.insight.aggregate.topology;

import io.chimera.insight.aggregate.state.AggregateStore;
import io.chimera.insight.aggregate.state.PendingModel;
import io.chimera.insight.aggregate.state.StateKeys;
import io.chimera.insight.aggregate.statistics.ColdStartRule;
import io.chimera.insight.aggregate.statistics.ModelMetricsAssembler;
import io.chimera.insight.aggregate.statistics.RunningModel;

import io.chimera.insight.events.AnalysisRequest;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.ModelChanges;
import io.chimera.insight.events.ModelMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
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
 *
 * <p>A tick is bounded in time ({@link AggregationSettings#tickBudget()}): its output joins the open
 * exactly-once transaction, which Kafka Streams aborts after 10 s, fencing the task. Models the tick
 * does not reach go first at the next one.
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
         * {@code model} is due (its burst of changes is over), or its series' evaluation is overdue
         * ({@link #evaluationOverdue}); called before its request, if any, is made.
         *
         * @param running the model's running aggregate, as the request will carry it
         * @return the model's performance changes after this moment's evaluation, for its aggregate
         */
        default ChangeEvaluation due(String model, RunningModel running, long now) {
            return ChangeEvaluation.OFF;
        }

        /**
         * Whether {@code model}'s series took so many points since their evaluation that they are evaluated now,
         * before its burst of runs is over (so an evaluation reads a bounded number of points: see
         * {@code ChangeStore#evaluationOverdue}).
         */
        default boolean evaluationOverdue(String model) {
            return false;
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
     * Every entry of {@link #pending}, in the store's order: read from the store once, when this trigger is made
     * (the processor's init, after the store's restoration), then kept in step with it, as every write of the store goes through this trigger
     * and the trigger is created afresh with its processor's stores ({@code RunAggregationProcessor.init}), so
     * this never differs from the store. Null until read. Why: a run does not decode its model's entry again,
     * a run that changes nothing in it (another run of the same millisecond, ingested no earlier than the
     * oldest pending one) writes nothing, and a tick lists the pending models without a scan of the store.
     * Each scan opened a store iterator, and Kafka Streams 4.1 registers a metric for a store's oldest open
     * iterator when its first one opens and removes it at its close (its JMX MBean registered again each
     * time): 5 % of the stream thread's samples in the bench's row 11 (docs/benchmarks.md, "branch agg14").
     */
    private final NavigableMap<String, PendingModel> held;

    /** Nanoseconds spent on a tick before it leaves the rest to the next. */
    private final long budgetNanos;
    /** The first model the last tick did not reach (in memory: after a restart the turn starts afresh). */
    private String resumeAt;

    AnalysisTrigger(KeyValueStore<String, PendingModel> pending, AggregateStore aggregates, DebouncePolicy policy,
                    ColdStartRule coldStart, Duration tickBudget, Output output) {
        this.budgetNanos = tickBudget.toNanos();
        this.pending = pending;
        this.held = storedInOrder(pending);
        this.coldStart = coldStart;
        this.aggregates = aggregates;
        this.policy = policy;
        this.output = output;
    }

    /** Records a change of {@code model}'s aggregate at wall-clock {@code now}, caused by a record ingested at {@code ingestedAt}. */
    void changed(String model, long now, long ingestedAt) {
        PendingModel current = held.get(model);
        PendingModel next = current == null
                ? PendingModel.firstChange(now, ingestedAt)
                : current.changedAgain(now, ingestedAt);
        if (!next.equals(current)) {
            put(model, next);
        }
    }

    private void put(String model, PendingModel state) {
        pending.put(model, state);
        held.put(model, state);
    }

    /** Every entry of {@code pending}, in the store's order. */
    private static NavigableMap<String, PendingModel> storedInOrder(KeyValueStore<String, PendingModel> pending) {
        NavigableMap<String, PendingModel> stored = new TreeMap<>(StateKeys.STORE_ORDER);
        try (KeyValueIterator<String, PendingModel> all = pending.all()) {
            all.forEachRemaining(entry -> stored.put(entry.key, entry.value));
        }
        return stored;
    }

    /**
     * One tick at wall-clock {@code now}: visits the pending models in turn, starting with those the
     * last tick did not reach, and once it has emitted for one and spent its
     * {@linkplain AggregationSettings#tickBudget() budget}, leaves the rest to the next tick. So a
     * tick emits for at least one model, and every due model gets its turn within a few ticks.
     */
    void tick(long now) {
        long started = System.nanoTime();
        List<KeyValue<String, PendingModel>> entries = inTurn(snapshot());
        resumeAt = null;
        boolean emitted = false;
        for (int i = 0; i < entries.size(); i++) {
            if (emitted && System.nanoTime() - started >= budgetNanos) {
                resumeAt = entries.get(i).key;
                LOG.debug("Tick budget spent after {} of {} pending models; the next tick starts at {}", i,
                        entries.size(), resumeAt);
                return;
            }
            emitted |= visit(entries.get(i).key, entries.get(i).value, now);
        }
    }

    /** The pending models in key order, from the first the last tick did not reach, then from the start. */
    private List<KeyValue<String, PendingModel>> inTurn(List<KeyValue<String, PendingModel>> entries) {
        if (resumeAt == null) {
            return entries;
        }
        int first = 0;
        while (first < entries.size() && entries.get(first).key.compareTo(resumeAt) < 0) {
            first++;
        }
        List<KeyValue<String, PendingModel>> turned = new ArrayList<>(entries.subList(first, entries.size()));
        turned.addAll(entries.subList(0, first));
        return turned;
    }

    /** Emits what {@code model} is due, if anything; whether it emitted. */
    private boolean visit(String model, PendingModel state, long now) {
        Optional<String> reason = policy.dueReason(state, now);
        boolean refresh = state.metricsDirty()
                && (reason.isPresent() || policy.metricsRefreshDue(metricsEmittedAt.get(model), now));
        boolean overdue = reason.isEmpty() && output.evaluationOverdue(model);
        if (!refresh && reason.isEmpty() && !overdue) {
            return false;
        }
        // Got once for both: getting a running model weighs it (its sketches), and an evaluation
        // changes no aggregate.
        RunningModel running = aggregates.running(model);
        // The series are evaluated first, so the request carries the changes just published; and
        // model-metrics too, whenever the evaluation published an event.
        ModelChanges changes;
        if (reason.isPresent() || overdue) {
            ChangeEvaluation evaluation = output.due(model, running, now);
            changes = evaluation.changes();
            refresh = refresh || evaluation.published();
            if (!refresh && reason.isEmpty()) {
                return true; // evaluated early (overdue), nothing new to emit: its burst goes on
            }
        } else {
            changes = output.changes(model);
        }
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
            held.remove(model);
            metricsEmittedAt.remove(model);
        } else {
            put(model, state.metricsEmitted());
        }
        return true;
    }

    /** The pending models in the store's order ({@link #held}); copied out first: the loop writes to it. */
    private List<KeyValue<String, PendingModel>> snapshot() {
        List<KeyValue<String, PendingModel>> entries = new ArrayList<>(held.size());
        held.forEach((model, state) -> entries.add(KeyValue.pair(model, state)));
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
