package io.chimera.insight.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.state.TestStores;
import io.chimera.insight.aggregate.statistics.FileVersion;
import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.schemas.registry.InMemorySchemaRegistry;
import io.chimera.insight.schemas.serde.AvroSerde;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/** A task reads a file's version from the catalog once, and again only after the catalog was written. */
class CatalogVersionsTest {

    private final AtomicInteger decoded = new AtomicInteger();
    private final KeyValueStore<String, BenchmarkFile> catalog = TestStores.inMemory(new MockProcessorContext<>(),
            AggregationTopology.FILE_CATALOG_STORE,
            TestStores.countingDecodes(AvroSerde.forValue(new InMemorySchemaRegistry(), BenchmarkFile.class), decoded));
    private final TestFile v1 = TestFile.of("sweep.csv", "v1", AggregationRig.START);
    private final TestFile v2 = TestFile.of("sweep.csv", "v2", AggregationRig.START.plusSeconds(60));

    @Test
    void aFilesVersionIsDecodedOnceUntilTheCatalogIsWritten() {
        CatalogChanges changes = CatalogChanges.tracked();
        CatalogVersions versions = new CatalogVersions(catalog, changes, 16);
        write(changes, v1.event(List.of("m")));

        FileVersion first = versions.version(v1.fileId());
        FileVersion again = versions.version(v1.fileId());
        assertThat(again).isEqualTo(first).isEqualTo(FileVersion.of(v1.event(List.of("m"))));
        assertThat(decoded).hasValue(1);

        write(changes, v2.event(List.of("m")));
        assertThat(versions.version(v1.fileId())).isEqualTo(FileVersion.of(v2.event(List.of("m"))));
        assertThat(decoded).hasValue(2);
    }

    @Test
    void aFileTheCatalogDoesNotHoldIsFoundOnceItIsWritten() {
        CatalogChanges changes = CatalogChanges.tracked();
        CatalogVersions versions = new CatalogVersions(catalog, changes, 16);

        assertThat(versions.version(v1.fileId())).isNull();
        assertThat(versions.version(v1.fileId())).isNull();
        write(changes, v1.event(List.of("m")));

        assertThat(versions.version(v1.fileId())).isEqualTo(FileVersion.of(v1.event(List.of("m"))));
    }

    @Test
    void aFileDroppedForRoomIsReadAgain() {
        CatalogChanges changes = CatalogChanges.tracked();
        CatalogVersions versions = new CatalogVersions(catalog, changes, 1);
        TestFile other = TestFile.of("other.csv", "v1", AggregationRig.START);
        write(changes, v1.event(List.of("m")));
        write(changes, other.event(List.of("m")));

        versions.version(v1.fileId());
        versions.version(other.fileId());
        versions.version(v1.fileId());

        assertThat(decoded).hasValue(3);
    }

    @Test
    void aCatalogWhoseWritesAreNotCountedIsReadEveryTime() {
        CatalogVersions versions = new CatalogVersions(catalog, CatalogChanges.UNTRACKED, 16);
        catalog.put(v1.fileId(), v1.event(List.of("m")));

        versions.version(v1.fileId());
        catalog.put(v2.fileId(), v2.event(List.of("m")));

        assertThat(versions.version(v1.fileId())).isEqualTo(FileVersion.of(v2.event(List.of("m"))));
        assertThat(decoded).hasValue(2);
    }

    /** As {@link FileCatalogUpdater} writes the catalog: the write, then its count. */
    private void write(CatalogChanges changes, BenchmarkFile file) {
        catalog.put(file.getFileId(), file);
        changes.written();
    }
}
