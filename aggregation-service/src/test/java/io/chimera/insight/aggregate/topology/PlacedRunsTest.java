package io.chimera.insight.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.state.ChangeStore;
import io.chimera.insight.aggregate.statistics.RunPoint;
import io.chimera.insight.aggregate.statistics.SeriesPoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * A configuration's placed runs kept between evaluations give, at every evaluation, exactly the
 * places and the order a fresh placing and sort of every run gives: as runs are added (mostly after
 * the others, sometimes before), removed (a replaced file, the bound), written again, and as a file's
 * place changes (the catalog learns its modified time); and only the runs new since are placed.
 */
class PlacedRunsTest {

    /** A file's place as the tracker's is: fields and a modified time, compared by value. */
    private record File(String sha256, long modifiedAt) {
    }

    private static final BiFunction<ChangeStore.StoredRun, File, SeriesPoint> PLACER = (run, file) ->
            new SeriesPoint(run.runId(), run.fileId(), file.sha256(), "p/" + run.fileId(), run.point().seq(), Double.NaN,
                    run.point().observedAt(), run.point().observedAt() == SeriesPoint.UNKNOWN ? file.modifiedAt()
                    : SeriesPoint.UNKNOWN, run.point().ingestedAt());

    @Test
    void givesTheOrderOfAFreshSortAtEveryEvaluationHoweverTheRunsChange() {
        Random random = new Random(16);
        Map<String, ChangeStore.StoredRun> stored = new HashMap<>();
        Map<String, File> files = new HashMap<>();
        PlacedRuns placed = new PlacedRuns();
        int nextRun = 0;
        for (int evaluation = 0; evaluation < 400; evaluation++) {
            int added = random.nextInt(6);
            for (int i = 0; i < added; i++) {
                String fileId = "f" + random.nextInt(12);
                files.putIfAbsent(fileId, new File("sha-" + fileId, SeriesPoint.UNKNOWN));
                // Mostly later than every run so far; some placed before others; some at a time another has.
                long time = random.nextInt(4) == 0 ? random.nextInt(nextRun + 1) * 10L : nextRun * 10L;
                boolean ownTime = random.nextBoolean();
                RunPoint point = new RunPoint(nextRun, ownTime ? time : SeriesPoint.UNKNOWN, time, Double.NaN,
                        new double[] {random.nextDouble(), Double.NaN});
                String runId = "r" + nextRun++;
                stored.put(fileId + "/" + runId, new ChangeStore.StoredRun(fileId, runId, point));
            }
            if (random.nextInt(5) == 0 && !stored.isEmpty()) {
                // Runs leave: the oldest few (the bound), or a whole file (replaced).
                String file = "f" + random.nextInt(12);
                stored.values().removeIf(run -> run.fileId().equals(file) || random.nextInt(20) == 0);
            }
            if (random.nextInt(4) == 0) {
                // The catalog learns a file's modified time, or its fields change.
                String fileId = "f" + random.nextInt(12);
                files.computeIfPresent(fileId, (id, file) -> random.nextBoolean()
                        ? new File(file.sha256(), 5L * random.nextInt(100)) : new File(file.sha256() + "'", file.modifiedAt()));
            }
            if (random.nextInt(6) == 0 && !stored.isEmpty()) {
                // A run's point written again: a new stored run of the same ids.
                ChangeStore.StoredRun again = new ArrayList<>(stored.values()).get(random.nextInt(stored.size()));
                stored.put(again.fileId() + "/" + again.runId(), new ChangeStore.StoredRun(again.fileId(), again.runId(),
                        new RunPoint(again.point().seq(), again.point().observedAt(), again.point().ingestedAt() + 7,
                                Double.NaN, again.point().values())));
            }
            List<ChangeStore.StoredRun> runs = new ArrayList<>(stored.values());
            Collections.shuffle(runs, random);

            List<SeriesPoint> expected = new ArrayList<>();
            runs.forEach(run -> expected.add(PLACER.apply(run, files.get(run.fileId()))));
            expected.sort(SeriesPoint.ORDER);
            List<PlacedRuns.Slot> slots = placed.order(runs, files::get, PLACER);
            assertThat(slots.stream().map(PlacedRuns.Slot::place).toList()).isEqualTo(expected);
            for (PlacedRuns.Slot slot : slots) {
                assertThat(slot.run()).isSameAs(stored.get(slot.run().fileId() + "/" + slot.run().runId()));
            }
            assertThat(placed.size()).isEqualTo(runs.size());
        }
    }

    @Test
    void placesOnlyTheRunsNewSinceAndThoseWhoseFileMoved() {
        Map<String, File> files = new HashMap<>(Map.of("a", new File("sha-a", SeriesPoint.UNKNOWN),
                "b", new File("sha-b", 1_000)));
        AtomicInteger placings = new AtomicInteger();
        BiFunction<ChangeStore.StoredRun, File, SeriesPoint> counting = (run, file) -> {
            placings.incrementAndGet();
            return PLACER.apply(run, file);
        };
        List<ChangeStore.StoredRun> runs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            runs.add(run(i % 2 == 0 ? "a" : "b", i));
        }
        PlacedRuns placed = new PlacedRuns();
        List<SeriesPoint> first = placed.order(runs, files::get, counting).stream().map(PlacedRuns.Slot::place).toList();
        assertThat(placings).hasValue(10);

        runs.add(run("b", 10));
        runs.add(run("a", 11));
        List<SeriesPoint> second = placed.order(runs, files::get, counting).stream().map(PlacedRuns.Slot::place).toList();
        assertThat(placings).hasValue(12);
        for (SeriesPoint kept : first) {
            // The very place of the last evaluation, not an equal one made again.
            assertThat(second.stream().anyMatch(place -> place == kept)).isTrue();
        }

        files.put("a", new File("sha-a", 2_000));
        placed.order(runs, files::get, counting);
        assertThat(placings).as("the six runs of file a placed again, its modified time now known").hasValue(18);
    }

    @Test
    void asksForAFilesPlaceOncePerEvaluationNotOncePerRun() {
        Map<String, File> files = new HashMap<>(Map.of("a", new File("sha-a", SeriesPoint.UNKNOWN),
                "b", new File("sha-b", 1_000)));
        List<String> asked = new ArrayList<>();
        List<ChangeStore.StoredRun> runs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            runs.add(run(i % 2 == 0 ? "a" : "b", i));
        }
        PlacedRuns placed = new PlacedRuns();
        placed.order(runs, fileId -> {
            asked.add(fileId);
            return files.get(fileId);
        }, PLACER);
        assertThat(asked).containsExactlyInAnyOrder("a", "b");

        asked.clear();
        runs.add(run("a", 10));
        files.put("b", new File("sha-b", 2_000));
        List<SeriesPoint> moved = placed.order(runs, fileId -> {
            asked.add(fileId);
            return files.get(fileId);
        }, PLACER).stream().map(PlacedRuns.Slot::place).toList();
        assertThat(asked).as("each file once, its place then shared by its runs").containsExactlyInAnyOrder("a", "b");
        assertThat(moved).filteredOn(place -> place.fileId().equals("b"))
                .allSatisfy(place -> assertThat(place.fileModifiedAt()).isEqualTo(2_000));
    }

    @Test
    void theMemoryOfConfigurationsKeepsItsBudgetLeastRecentlyUsedFirst() {
        PlacedConfigs configs = new PlacedConfigs(25);
        Map<String, File> files = Map.of("a", new File("sha-a", SeriesPoint.UNKNOWN));
        for (String config : List.of("c1", "c2", "c3")) {
            PlacedRuns runs = configs.of("m", config);
            List<ChangeStore.StoredRun> ten = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ten.add(run("a", i));
            }
            runs.order(ten, files::get, PLACER);
            configs.used(runs);
        }
        assertThat(configs.size()).isEqualTo(20);
        assertThat(configs.holds("m", "c1")).isFalse();
        assertThat(configs.holds("m", "c2")).isTrue();
        assertThat(configs.holds("m", "c3")).isTrue();
    }

    private static ChangeStore.StoredRun run(String fileId, int seq) {
        return new ChangeStore.StoredRun(fileId, "r" + seq,
                new RunPoint(seq, SeriesPoint.UNKNOWN, 100L * seq, Double.NaN, new double[] {seq, Double.NaN}));
    }
}
