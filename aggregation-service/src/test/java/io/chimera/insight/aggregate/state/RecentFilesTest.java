package io.chimera.insight.aggregate.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.statistics.ConfigAggregate;
import io.chimera.insight.aggregate.statistics.ConfigKeys;
import io.chimera.insight.aggregate.statistics.FileVersion;
import io.chimera.insight.aggregate.statistics.RunningAggregates;
import io.chimera.insight.aggregate.topology.AggregationRig;
import io.chimera.insight.aggregate.topology.TaskStores;
import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import io.chimera.insight.events.BenchmarkRun;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A task skips the store only for what it wrote itself: the versions it holds, and the entries of
 * files it held from their first version or emptied for a new one. Entries another instance wrote
 * (a restart, a moved task) are read from the store and added to.
 */
class RecentFilesTest {

    private static final Map<String, String> CONFIG = Map.of("num_ctx", "2048");
    private static final FileVersion V1 = new FileVersion("sha-1", 1_000, "results/f.csv");
    private static final FileVersion V2 = new FileVersion("sha-2", 2_000, "results/f.csv");

    @Test
    void anEntryIsKnownNewOnlyInAFileThisTaskEmptiedAndOnlyAtItsFirstWrite() {
        RecentFiles files = new RecentFiles(2);
        files.emptied("m\u0000a", V1);
        files.read("m\u0000b", V1);

        assertThat(files.firstWrite("m\u0000a", "x")).isTrue();
        assertThat(files.firstWrite("m\u0000a", "x")).isFalse();
        assertThat(files.firstWrite("m\u0000a", "y")).isTrue();
        // Read from the store: its entries may be there.
        assertThat(files.firstWrite("m\u0000b", "x")).isFalse();
        assertThat(files.firstWrite("m\u0000c", "x")).isFalse();
        assertThat(files.version("m\u0000a")).isEqualTo(V1);

        // A new version empties the file again.
        files.emptied("m\u0000a", V2);
        assertThat(files.version("m\u0000a")).isEqualTo(V2);
        assertThat(files.firstWrite("m\u0000a", "x")).isTrue();

        // Past the capacity the least recently used file is forgotten, and nothing is known of it.
        files.emptied("m\u0000c", V1);
        assertThat(files.version("m\u0000b")).isNull();
        assertThat(files.firstWrite("m\u0000b", "z")).isFalse();
    }

    @Test
    void aRestartedTaskAddsToTheEntriesItsPredecessorWrote() {
        TaskStores stores = new TaskStores();
        TestFile file = TestFile.of("f.csv", "v1", AggregationRig.START);
        AggregateStore before = new AggregateStore(stores.versions, stores.configs,
                new RunningAggregates(RunningAggregates.DEFAULT_BUDGET_BYTES));
        BenchmarkRun first = file.run("m", 0, CONFIG, Map.of("tokens_per_s", 10.0));
        FileVersion version = FileVersion.of(first);
        before.holdFirstVersion("m", file.fileId(), version);
        before.add("m", version, first);
        before.add("m", version, file.run("m", 1, CONFIG, Map.of("tokens_per_s", 12.0)));

        // A new instance over the same stores, as after a restart: the file is known from the store only.
        AggregateStore after = new AggregateStore(stores.versions, stores.configs,
                new RunningAggregates(RunningAggregates.DEFAULT_BUDGET_BYTES));
        assertThat(after.version("m", file.fileId())).isEqualTo(version);
        after.add("m", version, file.run("m", 2, CONFIG, Map.of("tokens_per_s", 14.0)));

        ConfigAggregate entry = stores.configs.get(StateKeys.config("m", file.fileId(), ConfigKeys.of(CONFIG)));
        assertThat(entry.runs()).isEqualTo(3);
        assertThat(entry.metrics().values().iterator().next().mean()).isEqualTo(12.0);
    }

    @Test
    void aReplacedFileStartsItsEntriesAfreshAndKeepsAddingToThem() {
        TaskStores stores = new TaskStores();
        TestFile old = TestFile.of("f.csv", "v1", AggregationRig.START);
        TestFile replaced = TestFile.of("f.csv", "v2", AggregationRig.START.plusSeconds(60));
        AggregateStore aggregates = new AggregateStore(stores.versions, stores.configs,
                new RunningAggregates(RunningAggregates.DEFAULT_BUDGET_BYTES));
        BenchmarkRun first = old.run("m", 0, CONFIG, Map.of("tokens_per_s", 10.0));
        aggregates.holdFirstVersion("m", old.fileId(), FileVersion.of(first));
        aggregates.add("m", FileVersion.of(first), first);

        BenchmarkRun newer = replaced.run("m", 0, CONFIG, Map.of("tokens_per_s", 20.0));
        aggregates.startVersion("m", replaced.fileId(), FileVersion.of(newer));
        aggregates.add("m", FileVersion.of(newer), newer);
        aggregates.add("m", FileVersion.of(newer), replaced.run("m", 1, CONFIG, Map.of("tokens_per_s", 30.0)));

        ConfigAggregate entry = stores.configs.get(StateKeys.config("m", replaced.fileId(), ConfigKeys.of(CONFIG)));
        assertThat(entry.runs()).isEqualTo(2);
        assertThat(entry.metrics().values().iterator().next().mean()).isEqualTo(25.0);
        assertThat(aggregates.version("m", replaced.fileId())).isEqualTo(FileVersion.of(newer));
    }
}
