package io.chimera.insight.platform.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

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
    /** Each cell's summary in level order of A then B, as {@link #total()} pools them. */
    private final List<GroupSummary> present;
    /** {@link #total()}, pooled when first asked (the tests ask for it several times). */
    private GroupSummary total;

    private KeyPairCells(String keyA, String keyB, List<String> levelsA, List<String> levelsB, GroupSummary[][] grid) {
        this.keyA = keyA;
        this.keyB = keyB;
        this.levelsA = levelsA;
        this.levelsB = levelsB;
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

    /**
     * The cells of keys {@code keyA} and {@code keyB} (indices into {@link ConfigColumns#keys()}), levels in
     * level order. The summaries are gathered by the levels' ranks, so the levels come out in order
     * without a sort or a hash look-up; each cell pools its configurations in their order, as the
     * aggregate lists them.
     */
    static KeyPairCells of(ConfigColumns columns, ConfigColumns.Column population, int keyA, int keyB) {
        int ranksA = columns.levelCount(keyA);
        int ranksB = columns.levelCount(keyB);
        List<List<GroupSummary>> parts = new ArrayList<>(Collections.nCopies(ranksA * ranksB, null));
        boolean[] seenA = new boolean[ranksA];
        boolean[] seenB = new boolean[ranksB];
        for (int c = 0; c < columns.configCount(); c++) {
            int a = columns.rank(keyA, c);
            int b = columns.rank(keyB, c);
            GroupSummary summary = population.summary(c);
            if (a == ConfigColumns.UNSET || b == ConfigColumns.UNSET || summary == null) {
                continue;
            }
            int cell = a * ranksB + b;
            if (parts.get(cell) == null) {
                parts.set(cell, new ArrayList<>());
            }
            parts.get(cell).add(summary);
            seenA[a] = true;
            seenB[b] = true;
        }
        int[] rowsA = seen(seenA);
        int[] columnsB = seen(seenB);
        GroupSummary[][] grid = new GroupSummary[rowsA.length][columnsB.length];
        for (int i = 0; i < rowsA.length; i++) {
            for (int j = 0; j < columnsB.length; j++) {
                List<GroupSummary> summaries = parts.get(rowsA[i] * ranksB + columnsB[j]);
                if (summaries != null) {
                    grid[i][j] = GroupSummary.pooled(summaries);
                }
            }
        }
        return new KeyPairCells(columns.keys().get(keyA), columns.keys().get(keyB), levels(columns, keyA, rowsA),
                levels(columns, keyB, columnsB), grid);
    }

    /** The ranks marked in {@code seen}, in order. */
    private static int[] seen(boolean[] seen) {
        int[] ranks = new int[seen.length];
        int count = 0;
        for (int rank = 0; rank < seen.length; rank++) {
            if (seen[rank]) {
                ranks[count++] = rank;
            }
        }
        return Arrays.copyOf(ranks, count);
    }

    private static List<String> levels(ConfigColumns columns, int key, int[] ranks) {
        String[] levels = new String[ranks.length];
        for (int i = 0; i < ranks.length; i++) {
            levels[i] = columns.level(key, ranks[i]);
        }
        return List.of(levels);
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
