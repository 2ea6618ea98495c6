package io.chimera.insight.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.state.AggregateStore;
import io.chimera.insight.aggregate.state.ConfigAggregateCodec;
import io.chimera.insight.aggregate.state.FileVersionCodec;
import io.chimera.insight.aggregate.state.TestStores;
import io.chimera.insight.aggregate.statistics.FileVersion;
import io.chimera.insight.aggregate.statistics.RunningAggregates;
import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.schemas.registry.InMemorySchemaRegistry;
import io.chimera.insight.schemas.serde.AvroSerde;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * The replacement sweep reads the held file versions and the catalog only when the catalog was written since the
 * last sweep began, or since the task began on a store holding no version: nothing else makes a held version one
 * the catalog knows a newer version of. The first sweep of a task that began on held versions, and every sweep
 * over a catalog whose writes are not counted, read all.
 */
class FileVersionSweepTest {

    private final MockProcessorContext<String, Object> context = new MockProcessorContext<>();
    private final AtomicInteger versionsDecoded = new AtomicInteger();
    private final KeyValueStore<String, BenchmarkFile> catalog = TestStores.inMemory(context,
            AggregationTopology.FILE_CATALOG_STORE, AvroSerde.forValue(new InMemorySchemaRegistry(), BenchmarkFile.class));
    private final AggregateStore aggregates = new AggregateStore(
            TestStores.inMemory(context, AggregationTopology.FILE_VERSIONS_STORE,
                    TestStores.countingDecodes(new FileVersionCodec().serde(), versionsDecoded)),
            TestStores.inMemory(context, "aggregate-configs", ConfigAggregateCodec.store().serde()),
            new RunningAggregates(RunningAggregates.DEFAULT_BUDGET_BYTES));
    private final List<String> replaced = new ArrayList<>();
    private final TestFile kept = TestFile.of("kept.csv", "v1", AggregationRig.START);
    private final TestFile v1 = TestFile.of("sweep.csv", "v1", AggregationRig.START);
    private final TestFile v2 = TestFile.of("sweep.csv", "v2", AggregationRig.START.plusSeconds(60));

    @Test
    void aSweepReadsNothingUntilTheCatalogIsWrittenAndThenFindsTheNewVersion() {
        CatalogChanges changes = CatalogChanges.tracked();
        FileVersionResolver resolver = resolver(changes);
        write(changes, v1.event(List.of("m")));
        write(changes, kept.event(List.of("m")));
        admit(resolver, v1.run("m", 0, Map.of("num_ctx", "2048"), Map.of("tokens_per_s", 40.0)));
        admit(resolver, kept.run("m", 0, Map.of("num_ctx", "2048"), Map.of("tokens_per_s", 41.0)));

        int before = versionsDecoded.get();
        assertThat(resolver.sweep()).isEmpty();
        int read = versionsDecoded.get();
        assertThat(read - before).as("the first sweep reads every held version").isEqualTo(2);
        assertThat(resolver.sweep()).isEmpty();
        assertThat(resolver.sweep()).isEmpty();
        assertThat(versionsDecoded).as("no catalog write since: nothing read").hasValue(read);

        write(changes, v2.event(List.of("other")));
        List<FileVersionResolver.Swept> swept = resolver.sweep();
        assertThat(swept).containsExactly(new FileVersionResolver.Swept("m", FileVersion.of(v2.event(List.of("other")))));
        assertThat(replaced).containsExactly("m/" + v1.fileId());
        assertThat(versionsDecoded.get()).isGreaterThan(read);
    }

    @Test
    void aTaskStartedOnAnEmptyStoreReadsNothingUntilTheCatalogIsWritten() {
        CatalogChanges changes = CatalogChanges.tracked();
        write(changes, v1.event(List.of("m")));
        FileVersionResolver resolver = resolver(changes);
        admit(resolver, v1.run("m", 0, Map.of("num_ctx", "2048"), Map.of("tokens_per_s", 40.0)));
        int before = versionsDecoded.get();

        assertThat(resolver.sweep()).isEmpty();
        assertThat(versionsDecoded.get() - before).as("every version held was admitted against this catalog").isZero();
    }

    /** Restored versions may be older than what the catalog learned meanwhile: the first sweep reads them all. */
    @Test
    void aTaskStartedOnHeldVersionsSweepsThemAllAtFirst() {
        CatalogChanges changes = CatalogChanges.tracked();
        write(changes, v1.event(List.of("m")));
        admit(resolver(changes), v1.run("m", 0, Map.of("num_ctx", "2048"), Map.of("tokens_per_s", 40.0)));
        write(changes, v2.event(List.of("other")));
        FileVersionResolver restarted = resolver(changes);

        assertThat(restarted.sweep()).extracting(FileVersionResolver.Swept::model).containsExactly("m");
        assertThat(restarted.sweep()).isEmpty();
    }

    @Test
    void aSweepOverACatalogWhoseWritesAreNotCountedReadsEveryTime() {
        FileVersionResolver resolver = resolver(CatalogChanges.UNTRACKED);
        catalog.put(v1.fileId(), v1.event(List.of("m")));
        admit(resolver, v1.run("m", 0, Map.of("num_ctx", "2048"), Map.of("tokens_per_s", 40.0)));

        int before = versionsDecoded.get();
        assertThat(resolver.sweep()).isEmpty();
        assertThat(resolver.sweep()).isEmpty();
        assertThat(versionsDecoded.get() - before).as("each sweep reads the held version").isEqualTo(2);

        catalog.put(v2.fileId(), v2.event(List.of("other")));
        assertThat(resolver.sweep()).extracting(FileVersionResolver.Swept::model).containsExactly("m");
    }

    private FileVersionResolver resolver(CatalogChanges changes) {
        return new FileVersionResolver(aggregates, new CatalogVersions(catalog, changes, 16),
                (model, fileId) -> replaced.add(model + "/" + fileId));
    }

    private void admit(FileVersionResolver resolver, BenchmarkRun run) {
        FileVersion version = resolver.admit(run.getModel(), run).orElseThrow();
        aggregates.add(run.getModel(), version, run);
    }

    /** As {@link FileCatalogUpdater} writes the catalog: the write, then its count. */
    private void write(CatalogChanges changes, BenchmarkFile file) {
        catalog.put(file.getFileId(), file);
        changes.written();
    }
}
