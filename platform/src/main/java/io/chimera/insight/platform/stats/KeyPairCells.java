package io.chimera.insight.platform.stats;

import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The levels of two keys crossed: one cell per (level of A, level of B) present in the data, each
 * the configurations with that pair merged into one count, mean and M2 (whatever their other keys
 * and however their runs were split across entries, so the cells are as mergeable as the aggregate).
 * Configurations that do not set both keys are left out.
 */
final class KeyPairCells {

    private final String keyA;
    private final String keyB;
    private final List<String> levelsA;
    private final List<String> levelsB;
    private final SortedMap<String, SortedMap<String, GroupSummary>> cells;

    private KeyPairCells(String keyA, String keyB, SortedMap<String, SortedMap<String, GroupSummary>> cells,
                         LevelOrder order) {
        this.keyA = keyA;
        this.keyB = keyB;
        this.cells = cells;
        this.levelsA = List.copyOf(cells.keySet());
        TreeSet<String> b = new TreeSet<>(order);
        cells.values().forEach(row -> b.addAll(row.keySet()));
        this.levelsB = List.copyOf(b);
    }

    static KeyPairCells of(List<ConfigStats> configs, MetricPopulation population, String keyA, String keyB) {
        LevelOrder order = new LevelOrder();
        SortedMap<String, SortedMap<String, List<GroupSummary>>> parts = new TreeMap<>(order);
        for (ConfigStats config : configs) {
            Map<String, String> levels = config.getConfig();
            MetricStats stats = population.stats(config);
            if (stats != null && levels.containsKey(keyA) && levels.containsKey(keyB)) {
                parts.computeIfAbsent(levels.get(keyA), a -> new TreeMap<>(order))
                        .computeIfAbsent(levels.get(keyB), b -> new ArrayList<>()).add(GroupSummary.of(stats));
            }
        }
        SortedMap<String, SortedMap<String, GroupSummary>> cells = new TreeMap<>(order);
        parts.forEach((a, row) -> row.forEach((b, summaries) -> cells
                .computeIfAbsent(a, x -> new TreeMap<>(order))
                .put(b, GroupSummary.pooled(summaries))));
        return new KeyPairCells(keyA, keyB, cells, order);
    }

    String keyA() {
        return keyA;
    }

    String keyB() {
        return keyB;
    }

    List<String> levelsA() {
        return levelsA;
    }

    List<String> levelsB() {
        return levelsB;
    }

    /** The cell's runs; null when the data has none. */
    GroupSummary cell(String a, String b) {
        SortedMap<String, GroupSummary> row = cells.get(a);
        return row == null ? null : row.get(b);
    }

    /** Cells present, in level order of A then B. */
    int present() {
        return cells.values().stream().mapToInt(Map::size).sum();
    }

    int size() {
        return levelsA.size() * levelsB.size();
    }

    /** The crossed levels without runs, each {@code [levelA, levelB]}, in level order. */
    List<List<String>> missing() {
        List<List<String>> missing = new ArrayList<>();
        for (String a : levelsA) {
            for (String b : levelsB) {
                if (cell(a, b) == null) {
                    missing.add(List.of(a, b));
                }
            }
        }
        return missing;
    }

    /** The present level pairs, each {@code [levelA, levelB]}, in level order. */
    List<List<String>> pairs() {
        List<List<String>> pairs = new ArrayList<>();
        cells.forEach((a, row) -> row.keySet().forEach(b -> pairs.add(List.of(a, b))));
        return pairs;
    }

    /** Every level of A comes with a single level of B: A's level fixes B's. */
    boolean aDeterminesB() {
        return cells.values().stream().allMatch(row -> row.size() == 1);
    }

    /** Every level of B comes with a single level of A. */
    boolean bDeterminesA() {
        return levelsB.stream().allMatch(b -> levelsA.stream().filter(a -> cell(a, b) != null).count() == 1);
    }

    /** All the grid's runs as one group. */
    GroupSummary total() {
        List<GroupSummary> all = new ArrayList<>();
        cells.values().forEach(row -> all.addAll(row.values()));
        return GroupSummary.pooled(all);
    }
}
