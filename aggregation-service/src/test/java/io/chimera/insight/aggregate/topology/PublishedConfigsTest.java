package io.chimera.insight.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.state.AggregateStore;
import io.chimera.insight.aggregate.state.TestStores;
import io.chimera.insight.aggregate.statistics.ColdStartRule;
import io.chimera.insight.aggregate.statistics.FileVersion;
import io.chimera.insight.aggregate.statistics.ModelMetricsAssembler;
import io.chimera.insight.aggregate.statistics.RunningAggregates;
import io.chimera.insight.aggregate.statistics.RunningModel;
import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.platform.topics.ConfigFingerprint;
import io.chimera.insight.platform.topics.ConfigMetricsKey;
import io.chimera.insight.schemas.registry.InMemorySchemaRegistry;
import io.chimera.insight.schemas.serde.AvroSerde;
import io.chimera.insight.schemas.serde.AvroSerializer;
import io.chimera.insight.schemas.serde.Encoded;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * What {@link PublishedConfigs} keeps to cut an emission's cost: each configuration encoded once, its
 * fingerprint taken of the bytes the sink sends; what the store holds of each configuration it published,
 * remembered beside the running model, so that comparing a new snapshot reads nothing; and when the
 * model's records were last written. The store stays the truth: a task restarted on it sends the same
 * bytes as one that ran on.
 */
class PublishedConfigsTest {

    private static final String MODEL = "gemma3:270m";
    private static final String TOPIC = "chimera.config-metrics";
    private static final long T0 = Instant.parse("2025-03-01T10:00:00Z").toEpochMilli();
    private static final TestFile FILE = TestFile.of("sweep.csv", "v1", Instant.ofEpochMilli(T0));

    private final AvroSerializer<ConfigStats> serializer = AvroSerde.forValue(new InMemorySchemaRegistry(), ConfigStats.class)
            .serializer();
    private final ConfigFingerprint fingerprints = new ConfigFingerprint();

    @Test
    void theSinkGetsTheBytesThatWereFingerprintedTheSerialisersOwn() {
        Task task = sweepPublishedOnce();

        assertThat(task.sent).hasSize(3);
        for (Sent record : task.sent) {
            ConfigStats config = record.value().record();
            assertThat(serializer.forEncoded().serialize(TOPIC, record.value())).isEqualTo(serializer.serialize(TOPIC, config));
            assertThat(task.store.get(record.key())).as("the fingerprint the store keeps of %s", record.key())
                    .isEqualTo(fingerprints.of(config));
        }
    }

    @Test
    void anUnchangedConfigurationIsNotSentAgainAndAChangedOneIsSentWithItsNewBytesWithoutReadingTheStore() {
        Task task = sweepPublishedOnce();
        byte[] before = task.last(4096).body();
        task.sent.clear();
        task.storeReads.set(0);

        task.add(4096, 70.0);
        PublishedConfigs.Published second = task.emit(T0 + 3_000);
        int reads = task.storeReads.get();

        assertThat(reads).as("store values read to compare the snapshots or to find the last write").isZero();
        assertThat(task.sent).extracting(Sent::key).containsExactly(ConfigMetricsKey.of(MODEL, "num_ctx=4096"));
        Encoded<ConfigStats> changed = task.sent.get(0).value();
        assertThat(changed.body()).as("the changed configuration's bytes").isNotEqualTo(before)
                .isEqualTo(bodyOf(changed.record()));
        assertThat(task.store.get(ConfigMetricsKey.of(MODEL, "num_ctx=4096"))).isEqualTo(fingerprints.of(changed.record()));
        assertThat(second.writtenAt()).isEqualTo(T0 + 3_000);
    }

    @Test
    void aConfigurationNewSinceTheFirstEmissionIsWrittenWithoutAskingTheStoreForIt() {
        Task task = sweepPublishedOnce();
        task.sent.clear();
        task.storeGets.set(0);

        task.add(16384, 60.0);
        task.emit(T0 + 3_000);
        int gets = task.storeGets.get();

        assertThat(gets).as("reads of the store, a key it does not hold included").isZero();
        String key = ConfigMetricsKey.of(MODEL, "num_ctx=16384");
        assertThat(task.sent).extracting(Sent::key).containsExactly(key);
        assertThat(task.store.get(key)).isEqualTo(fingerprints.of(task.sent.get(0).value().record()));
    }

    @Test
    void anEmissionThatWritesNothingSaysWhenTheRecordsWereLastWrittenWithoutReadingTheStore() {
        Task task = sweepPublishedOnce();
        task.sent.clear();
        task.storeReads.set(0);

        PublishedConfigs.Published nothingNew = task.emit(T0 + 5_000);
        int reads = task.storeReads.get();

        assertThat(reads).isZero();
        assertThat(task.sent).isEmpty();
        assertThat(nothingNew.writtenAt()).as("the first emission's time, as the store holds it").isEqualTo(T0 + 1_000)
                .isEqualTo(task.store.get(ConfigMetricsKey.of(MODEL, "\0")));
    }

    @Test
    void aTaskRestartedOnItsStoresSendsOnlyWhatChangedWithTheBytesOfOneThatRanOn() {
        Task ranOn = sweepPublishedOnce();
        ranOn.add(4096, 70.0);
        ranOn.sent.clear();
        PublishedConfigs.Published uninterrupted = ranOn.emit(T0 + 3_000);

        Task restarted = sweepPublishedOnce();
        restarted.restart();
        restarted.add(4096, 70.0);
        restarted.sent.clear();
        PublishedConfigs.Published afterRestart = restarted.emit(T0 + 3_000);

        assertThat(restarted.sent).extracting(Sent::key).containsExactly(ConfigMetricsKey.of(MODEL, "num_ctx=4096"));
        assertThat(restarted.sent.get(0).value().body()).isEqualTo(ranOn.sent.get(0).value().body());
        assertThat(afterRestart).isEqualTo(uninterrupted);
    }

    /** A task that has aggregated runs of three configurations and published them once, at {@code T0 + 1 s}. */
    private static Task sweepPublishedOnce() {
        Task task = new Task();
        task.add(2048, 100.0);
        task.add(4096, 90.0);
        task.add(8192, 80.0);
        PublishedConfigs.Published first = task.emit(T0 + 1_000);
        assertThat(first.writtenAt()).isEqualTo(T0 + 1_000);
        return task;
    }

    /** {@code config}'s encoding as the serialiser makes it, without the wire format's header. */
    private byte[] bodyOf(ConfigStats config) {
        byte[] record = serializer.serialize(TOPIC, config);
        return Arrays.copyOfRange(record, 5, record.length);
    }

    /** {@code store}, counting in {@code gets} each call of its {@code get}, whatever it finds. */
    @SuppressWarnings("unchecked")
    private static KeyValueStore<String, Long> countingGets(KeyValueStore<String, Long> store, AtomicInteger gets) {
        return (KeyValueStore<String, Long>) Proxy.newProxyInstance(KeyValueStore.class.getClassLoader(),
                new Class<?>[] {KeyValueStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("get")) {
                        gets.incrementAndGet();
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** A record the sink got: key, the configuration encoded (null: a tombstone), its timestamp. */
    private record Sent(String key, Encoded<ConfigStats> value, long timestamp) {
    }

    /** One stream task's stores, and what its processor derives from them (dropped by {@link #restart}). */
    private static final class Task {
        private final TaskStores stores = new TaskStores();
        /** Values the published-configs store decoded: one per read of a key it holds. */
        private final AtomicInteger storeReads = new AtomicInteger();
        private final KeyValueStore<String, Long> store = TestStores.inMemory(stores.context, "published-under-test",
                TestStores.countingDecodes(Serdes.Long(), storeReads));
        /** Every {@code get} of the store by {@link PublishedConfigs}, of a key it does not hold too. */
        private final AtomicInteger storeGets = new AtomicInteger();
        private final List<Sent> sent = new ArrayList<>();
        private AggregateStore aggregates;
        private PublishedConfigs published;
        private int row;

        private Task() {
            restart();
        }

        /** What a restarted or revived processor has: the stores, nothing derived from them. */
        void restart() {
            aggregates = new AggregateStore(stores.versions, stores.configs,
                    new RunningAggregates(RunningAggregates.DEFAULT_BUDGET_BYTES));
            published = new PublishedConfigs(countingGets(store, storeGets));
        }

        void add(int context, double tokensPerSecond) {
            BenchmarkRun run = FILE.run(MODEL, row++, Map.of("num_ctx", Integer.toString(context)),
                    Map.of("tokens_per_s", tokensPerSecond));
            FileVersion version = aggregates.version(MODEL, run.getFileId());
            if (version == null) {
                version = FileVersion.of(run);
                aggregates.holdFirstVersion(MODEL, run.getFileId(), version);
            }
            aggregates.add(MODEL, version, run);
        }

        /** As the trigger emits: every configuration at a model's first emission, then the snapshots made since. */
        PublishedConfigs.Published emit(long now) {
            RunningModel running = aggregates.running(MODEL);
            List<ConfigStats> configs = running.publishedOnce()
                    ? ModelMetricsAssembler.emission(MODEL, running, ColdStartRule.defaults(), 0, now).unpublished()
                    : ModelMetricsAssembler.assemble(MODEL, running, ColdStartRule.defaults(), 0, now).getConfigs();
            return published.publish(MODEL, running, configs, now, (key, stats, at) -> sent.add(new Sent(key, stats, at)));
        }

        /** The last record sent for configuration {@code num_ctx=context}. */
        Encoded<ConfigStats> last(int context) {
            String key = ConfigMetricsKey.of(MODEL, "num_ctx=" + context);
            return sent.stream().filter(s -> s.key().equals(key)).reduce((a, b) -> b).orElseThrow().value();
        }
    }
}
