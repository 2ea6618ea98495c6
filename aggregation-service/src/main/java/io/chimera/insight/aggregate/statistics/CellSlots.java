package io.chimera.insight.aggregate.statistics;

/**
 * What an aggregate found for a run's cells of the cold/warm split, kept per load bin: the cells
 * ({@link MetricKeys#cells}, one shared array per bin) and the accumulators or moments found for them,
 * so that a run of a bin seen before finds them by comparing one reference. Runs of one model spread
 * over a few dozen load bins, so remembering only the last bin's (as {@link ConfigAggregate} and
 * {@link MomentTotals} did) missed at most runs of a model, and each miss looked up the run's three
 * cells by hash (a record's hash and equality over the bin and the metric's name and unit: 13 % of the
 * running statistics' samples, profiled).
 *
 * <p>The last run's cells first, then a direct-mapped table by bin, grown when two bins meet at one place,
 * up to {@value #MAX_BINS} places (past that, bins share places and the one seen last wins): as large as
 * the bins seen need, so a configuration of a sweep, a few runs in a bin or three, keeps a few places, and
 * a busy configuration or a model, whose bins lie next to each other, a few dozen. The table is made only
 * when a second bin comes: an entry's one or two runs use the last cells alone. Holds nothing a lookup
 * could not find again: an aggregate's accumulators are never replaced or removed. Not thread-safe.
 *
 * @param <T> an array of what was found, one per cell
 */
final class CellSlots<T> {

    /** The most places, a power of two: a model's bins, and those of a configuration with many runs. */
    static final int MAX_BINS = 64;

    /** The last run's cells and what was found for them. */
    private LoadBinMetric[] lastCells;
    private T last;
    /** The table by bin; null until a second bin comes. */
    private LoadBinMetric[][] cells;
    private Object[] found;

    /**
     * What was {@linkplain #put found} for {@code keys}, the very same array, now the last run's; null when
     * nothing is kept for them (then find them and {@link #put} them).
     */
    @SuppressWarnings("unchecked")
    T find(LoadBinMetric[] keys) {
        if (RunValues.sameKeys(keys, lastCells)) {
            return last;
        }
        if (cells == null || keys.length == 0) {
            return null;
        }
        int place = place(keys[0].bin(), cells.length);
        if (cells[place] != keys) {
            return null;
        }
        lastCells = keys;
        last = (T) found[place];
        return last;
    }

    /** Keeps {@code slots}, found for {@code keys} (a run's cells of one bin), as the last run's too. */
    void put(LoadBinMetric[] keys, T slots) {
        if (lastCells != null && lastCells.length > 0 && keys.length > 0) {
            if (cells == null) {
                cells = new LoadBinMetric[2][];
                found = new Object[2];
                keep(lastCells, last);
            }
            keep(keys, slots);
        }
        lastCells = keys;
        last = slots;
    }

    private void keep(LoadBinMetric[] keys, T slots) {
        int bin = keys[0].bin();
        int place = place(bin, cells.length);
        LoadBinMetric[] there = cells[place];
        if (there != null && there[0].bin() != bin && cells.length < MAX_BINS) {
            grow();
            place = place(bin, cells.length);
        }
        cells[place] = keys;
        found[place] = slots;
    }

    /** Twice the places, the kept bins moved to theirs; where two meet, the later one stays. */
    private void grow() {
        LoadBinMetric[][] oldCells = cells;
        Object[] oldFound = found;
        cells = new LoadBinMetric[oldCells.length * 2][];
        found = new Object[oldCells.length * 2];
        for (int i = 0; i < oldCells.length; i++) {
            if (oldCells[i] != null) {
                int place = place(oldCells[i][0].bin(), cells.length);
                cells[place] = oldCells[i];
                found[place] = oldFound[i];
            }
        }
    }

    private static int place(int bin, int places) {
        return bin & (places - 1);
    }
}
