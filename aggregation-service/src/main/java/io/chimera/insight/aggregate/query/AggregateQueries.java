package io.chimera.insight.aggregate.query;

import io.chimera.insight.aggregate.state.AggregateReader;
import io.chimera.insight.aggregate.state.ChangeStore;
import io.chimera.insight.aggregate.state.ConfigStates;
import io.chimera.insight.aggregate.state.PendingModel;
import io.chimera.insight.aggregate.statistics.ConfigAggregate;
import io.chimera.insight.aggregate.statistics.FileAggregate;
import io.chimera.insight.aggregate.statistics.FileVersion;
import io.chimera.insight.aggregate.statistics.ColdStartRule;
import io.chimera.insight.aggregate.statistics.EmittedChange;
import io.chimera.insight.aggregate.statistics.ModelMetricsAssembler;
import io.chimera.insight.aggregate.statistics.SeriesId;
import io.chimera.insight.aggregate.statistics.SeriesState;
import io.chimera.insight.aggregate.topology.AggregationTopology;
import io.chimera.insight.aggregate.topology.ChangeEvents;
import io.chimera.insight.events.ChangeEventKind;

import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.events.PerformanceChange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Read-only interactive queries over a running aggregation: the models this instance holds, a
 * model's aggregate assembled exactly as the topology emits it, and which instance holds a model.
 *
 * <p>Only active tasks are read (no stale standby copies). Each call opens the stores afresh, so
 * it sees the tasks this instance holds now; while Streams rebalances or restores, reads throw
 * {@link InvalidStateStoreException} and the caller should retry.
 *
 * <p>Two fields differ from the published {@code model-metrics} value, because the stores do not
 * keep what they were computed from once an analysis request went out: {@code updatedAt} is the
 * latest change if the model has changes not yet requested, else the ingest time of its latest
 * record ({@code lastSeen}); {@code oldestPendingIngestAt} is 0 when nothing is pending, as there.
 */
public final class AggregateQueries {

    private static final StringSerializer KEY_SERIALIZER = new StringSerializer();

    private final KafkaStreams streams;
    private final ColdStartRule coldStart;

    public AggregateQueries(KafkaStreams streams, ColdStartRule coldStart) {
        this.streams = Objects.requireNonNull(streams, "streams");
        this.coldStart = Objects.requireNonNull(coldStart, "coldStart");
    }

    /**
     * Models with at least one record in this instance's active tasks, sorted.
     *
     * @throws InvalidStateStoreException while the stores are not queryable (rebalancing, restoring)
     */
    public List<String> localModels() {
        AggregateReader reader = reader();
        List<String> models = new ArrayList<>();
        for (String model : reader.models()) {
            if (reader.files(model).stream().anyMatch(FileAggregate::hasRecords)) {
                models.add(model);
            }
        }
        return models;
    }

    /**
     * The model's aggregate from this instance's active tasks; empty when no record of it is held here.
     *
     * @throws InvalidStateStoreException while the stores are not queryable (rebalancing, restoring)
     */
    public Optional<ModelMetrics> localModel(String model) {
        List<FileAggregate> files = reader().files(model);
        if (files.stream().noneMatch(FileAggregate::hasRecords)) {
            return Optional.empty();
        }
        PendingModel pending = this.<PendingModel>store(AggregationTopology.PENDING_STORE).get(model);
        ModelMetrics metrics = ModelMetricsAssembler.assemble(model, files, coldStart,
                pending == null ? 0 : pending.oldestPendingIngestAt(), pending == null ? 0 : pending.lastChangeAt());
        if (pending == null) {
            metrics.setUpdatedAt(metrics.getLastSeen());
        }
        return Optional.of(metrics);
    }

    /**
     * The model's performance changes that stand (published, not retracted), as
     * {@code performance-changes} events would carry them; empty when no record of the model is held
     * here, an empty list when it is but no change was found.
     *
     * @throws InvalidStateStoreException while the stores are not queryable (rebalancing, restoring)
     */
    public Optional<List<PerformanceChange>> localChanges(String model) {
        if (reader().files(model).stream().noneMatch(FileAggregate::hasRecords)) {
            return Optional.empty();
        }
        List<PerformanceChange> changes = new ArrayList<>();
        for (KeyValue<SeriesId, SeriesState> series
                : ChangeStore.statesOf(this.<ConfigStates>store(AggregationTopology.CHANGE_SERIES_STORE), model)) {
            for (EmittedChange change : series.value.emitted()) {
                changes.add(ChangeEvents.of(ChangeEventKind.CHANGE, series.key, series.value.config(), change, 0));
            }
        }
        return Optional.of(changes);
    }

    /**
     * The instance whose active task holds {@code model} (by its {@code application.server});
     * empty while that is not known, e.g. during a rebalance. Runs are keyed by model, so the
     * model's partition, and with it its task, follows from the default partitioner.
     */
    public Optional<HostInfo> owner(String model) {
        KeyQueryMetadata metadata = streams.queryMetadataForKey(AggregationTopology.CONFIG_AGGREGATES_STORE, model,
                KEY_SERIALIZER);
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE) || metadata.activeHost().port() < 0) {
            return Optional.empty();
        }
        return Optional.of(metadata.activeHost());
    }

    /** Every instance of the application, this one included, by its {@code application.server}. */
    public List<HostInfo> instances() {
        Collection<StreamsMetadata> all = streams.metadataForAllStreamsClients();
        return all.stream().map(StreamsMetadata::hostInfo).distinct().toList();
    }

    private AggregateReader reader() {
        return new AggregateReader(this.<FileVersion>store(AggregationTopology.FILE_VERSIONS_STORE),
                this.<ConfigAggregate>store(AggregationTopology.CONFIG_AGGREGATES_STORE));
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
    }
}
