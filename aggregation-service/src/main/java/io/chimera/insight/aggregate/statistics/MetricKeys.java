package io.chimera.insight.aggregate.statistics;

import java.util.HashMap;
import java.util.Map;

/**
 * One shared {@link MetricKey} object per metric (name and unit) that a task's runs report, and one
 * shared set of split cells per load bin, so that the aggregates a run goes into can tell the run's
 * metrics from those of the run before by comparing references ({@link RunValues}). Keys are
 * values: a key made elsewhere with the same name and unit is equal to the shared one and finds
 * the same accumulator, only by a hash lookup instead.
 *
 * <p>Bounded: past {@value #MAX_KEYS} names (a rig reporting ever new metric names), further keys
 * are made afresh for every run, as before this class. Not thread-safe: one per stream task.
 */
public final class MetricKeys {

    static final int MAX_KEYS = 4096;

    /** The key of each name in the first unit seen for it; the split's keys in their canonical units. */
    private final Map<String, MetricKey> byName = new HashMap<>();
    /** The keys of names seen in a second unit (an unknown metric that two rigs report differently). */
    private final Map<MetricKey, MetricKey> otherUnits = new HashMap<>();
    private final Map<Integer, LoadBinMetric[]> cellsByBin = new HashMap<>();
    /**
     * The key found last for each position of a run's metrics ({@link #of(int, String, String)}). A run's
     * names are new strings, decoded from its record, so finding each by hash computed its hash, char by
     * char, then compared it with the key's name anyway (7 % of the running statistics' samples, profiled);
     * a rig's runs list the same metrics in the same order, so comparing with the name found last at the
     * same place finds the same key with the comparison alone.
     */
    private final MetricKey[] lastAt = new MetricKey[RECENT_POSITIONS];
    private static final int RECENT_POSITIONS = 64;

    /**
     * Scratch for {@link RunValues#of}: the values of {@link LoadBins#SPLIT}'s metrics in the run being read,
     * and which of them it reports. Read once a run and overwritten by the next, so one pair per task (as the
     * keys are) rather than two arrays per run.
     */
    final double[] splitValues = new double[LoadBins.SPLIT.size()];
    /** The keys of the last run {@link RunValues#of} read with metrics: the next run's, when they are the same ones. */
    MetricKey[] lastMetrics;
    final boolean[] inSplit = new boolean[LoadBins.SPLIT.size()];

    public MetricKeys() {
        for (MetricKey key : LoadBins.SPLIT) {
            byName.put(key.name(), key);
        }
    }

    /** The shared key of a metric; {@link LoadBins}' own keys for the metrics of the split. */
    MetricKey of(String name, String unit) {
        MetricKey key = byName.get(name);
        if (key != null && key.unit().equals(unit)) {
            return key;
        }
        if (byName.size() + otherUnits.size() >= MAX_KEYS) {
            return new MetricKey(name, unit);
        }
        if (key == null) {
            key = new MetricKey(name, unit);
            byName.put(name, key);
            return key;
        }
        return otherUnits.computeIfAbsent(new MetricKey(name, unit), k -> k);
    }

    /**
     * {@link #of(String, String)} for the metric at {@code position} in a run's list of metrics: the key
     * found last at that place when its name and unit are equal to these, without a lookup.
     */
    MetricKey of(int position, String name, String unit) {
        if (position >= RECENT_POSITIONS) {
            return of(name, unit);
        }
        MetricKey last = lastAt[position];
        if (last != null && last.name().equals(name) && last.unit().equals(unit)) {
            return last;
        }
        MetricKey key = of(name, unit);
        lastAt[position] = key;
        return key;
    }

    /** The cells of load bin {@code bin}, one per metric of {@link LoadBins#SPLIT}, in its order. */
    LoadBinMetric[] cells(int bin) {
        return cellsByBin.computeIfAbsent(bin, b -> {
            LoadBinMetric[] cells = new LoadBinMetric[LoadBins.SPLIT.size()];
            for (int i = 0; i < cells.length; i++) {
                cells[i] = new LoadBinMetric(b, LoadBins.SPLIT.get(i));
            }
            return cells;
        });
    }
}
