package io.chimera.insight.platform.stats;

import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    /** The cells by level index, {@code [index in levelsA][index in levelsB]}; null where the data has none. */
    private final GroupSummary[][] grid;
    private final Map<String, Integer> indexA;
    private final Map<String, Integer> indexB;
    /** Each cell's summary in level order of A then B, as {@link #total()} pools them. */
    private final List<GroupSummary> present;
    /** {@link #total()}, pooled when first asked (the tests ask for it several times). */
    private GroupSummary total;

    private KeyPairCells(String keyA, String keyB, List<String> levelsA, List<String> levelsB, GroupSummary[][] grid) {
        this.keyA = keyA;
        this.keyB = keyB;
        this.levelsA = levelsA;
        this.levelsB = levelsB;
        this.indexA = indexOf(levelsA);
        this.indexB = indexOf(levelsB);
        this.grid = grid;
        List<GroupSummary> inOrder = new ArrayList<>();
        for (GroupSummary[] row : grid) {
            for (GroupSummary cell : row) {
                if (cell != null) {
                    inOrder.add(cell);
                }
            }
        }
        this.present = List.copyOf(inOrder);
    }

    private static Map<String, Integer> indexOf(List<String> levels) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < levels.size(); i++) {
            index.put(levels.get(i), i);
        }
        return index;
    }

    /**
     * The cells of keys {@code keyA} and {@code keyB}, levels ordered by {@code order} (one per computation).
     * The runs are gathered by hash and each key's levels sorted once: sorted maps compared the levels
     * through the level order at every insertion and look-up, and the tests read every cell several
     * times (JFR of the prompt: about a third of the interactions' CPU).
     */
    static KeyPairCells of(List<ConfigStats> configs, MetricPopulation population, String keyA, String keyB,
                           LevelOrder order) {
        Map<String, Map<String, List<GroupSummary>>> parts = new HashMap<>();
        Set<String> allB = new HashSet<>();
        for (ConfigStats config : configs) {
            Map<String, String> levels = config.getConfig();
            String a = levels.get(keyA);
            String b = levels.get(keyB);
            if (a == null || b == null) {
                continue;
            }
            MetricStats stats = population.stats(config);
            if (stats != null) {
                // In the configurations' order within a cell, as before: the pooled sums add up in that order.
                parts.computeIfAbsent(a, x -> new HashMap<>()).computeIfAbsent(b, x -> new ArrayList<>())
                        .add(GroupSummary.of(stats));
                allB.add(b);
            }
        }
        List<String> levelsA = sorted(parts.keySet(), order);
        List<String> levelsB = sorted(allB, order);
        GroupSummary[][] grid = new GroupSummary[levelsA.size()][levelsB.size()];
        for (int i = 0; i < levelsA.size(); i++) {
            Map<String, List<GroupSummary>> row = parts.get(levelsA.get(i));
            for (int j = 0; j < levelsB.size(); j++) {
                List<GroupSummary> summaries = row.get(levelsB.get(j));
                if (summaries != null) {
                    grid[i][j] = GroupSummary.pooled(summaries);
                }
            }
        }
        return new KeyPairCells(keyA, keyB, levelsA, levelsB, grid);
    }

    private static List<String> sorted(Set<String> levels, LevelOrder order) {
        List<String> sorted = new ArrayList<>(levels);
        sorted.sort(order);
        return List.copyOf(sorted);
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
        Integer i = indexA.get(a);
        Integer j = indexB.get(b);
        return i == null || j == null ? null : grid[i][j];
    }

    /** The cell at level {@code i} of A and {@code j} of B (indices into {@link #levelsA()}, {@link #levelsB()}); null when none. */
    GroupSummary cell(int i, int j) {
        return grid[i][j];
    }

    /** Cells present, in level order of A then B. */
    int present() {
        return present.size();
    }

    int size() {
        return levelsA.size() * levelsB.size();
    }

    /** The crossed levels without runs, each {@code [levelA, levelB]}, in level order. */
    List<List<String>> missing() {
        List<List<String>> missing = new ArrayList<>();
        for (int i = 0; i < levelsA.size(); i++) {
            for (int j = 0; j < levelsB.size(); j++) {
                if (grid[i][j] == null) {
                    missing.add(List.of(levelsA.get(i), levelsB.get(j)));
                }
            }
        }
        return missing;
    }

    /** The present level pairs, each {@code [levelA, levelB]}, in level order. */
    List<List<String>> pairs() {
        List<List<String>> pairs = new ArrayList<>();
        for (int i = 0; i < levelsA.size(); i++) {
            for (int j = 0; j < levelsB.size(); j++) {
                if (grid[i][j] != null) {
                    pairs.add(List.of(levelsA.get(i), levelsB.get(j)));
                }
            }
        }
        return pairs;
    }

    /** Every level of A comes with a single level of B: A's level fixes B's. */
    boolean aDeterminesB() {
        for (GroupSummary[] row : grid) {
            int inRow = 0;
            for (GroupSummary cell : row) {
                inRow += cell == null ? 0 : 1;
            }
            if (inRow != 1) {
                return false;
            }
        }
        return true;
    }

    /** Every level of B comes with a single level of A. */
    boolean bDeterminesA() {
        for (int j = 0; j < levelsB.size(); j++) {
            int inColumn = 0;
            for (GroupSummary[] row : grid) {
                inColumn += row[j] == null ? 0 : 1;
            }
            if (inColumn != 1) {
                return false;
            }
        }
        return true;
    }

    /** All the grid's runs as one group. */
    GroupSummary total() {
        if (total == null) {
            total = GroupSummary.pooled(present);
        }
        return total;
    }
}
