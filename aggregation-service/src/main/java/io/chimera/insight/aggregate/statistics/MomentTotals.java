package io.chimera.insight.aggregate.statistics;

import java.util.Arrays;

/**
 * The {@link ExactMoments} of a configuration or of a whole model, one per metric and per cell of the
 * cold/warm split ({@link MomentKey}): the union of its (file, config) entries' moments of it.
 *
 * <p>The arrays for the keys of the run before are kept ({@link #metricSlots}, {@link #cellSlots}), as
 * {@link ConfigAggregate} keeps its accumulators': a rig's runs bring the same shared keys
 * ({@link MetricKeys}) again and again, found by comparing references, not by hashing. Not thread-safe.
 *
 * <p>The keys and their moments are two small arrays searched in turn, not a hash map: a configuration has a
 * dozen or two keys, looked up when a run brings keys other than its run before's, and a map's table and nodes
 * were about 600 bytes of each configuration a model holds for good (docs/benchmarks.md, "20,000
 * configurations").
 */
final class MomentTotals {

    private static final MomentKey[] NO_KEYS = new MomentKey[0];
    private static final ExactMoments[] NO_MOMENTS = new ExactMoments[0];

    /** The keys with moments, in the order they came, and their moments: the first {@link #size} of each. */
    private MomentKey[] keys = NO_KEYS;
    private ExactMoments[] moments = NO_MOMENTS;
    private int size;
    private MomentKey[] metricKeys;
    private ExactMoments[] metricSlots;
    /** The last run's cells and their moments, and those of every bin seen once a second one came ({@link CellSlots}). */
    private final CellSlots<ExactMoments[]> cellSlots = new CellSlots<>();

    /** The moments of {@code key}; null when no entry had any. */
    ExactMoments get(MomentKey key) {
        // Keys are shared (MetricKeys): the same reference is found first, without comparing any names.
        for (int i = 0; i < size; i++) {
            if (keys[i] == key) {
                return moments[i];
            }
        }
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                return moments[i];
            }
        }
        return null;
    }

    /** The count, mean and M2 of {@code key} ({@link ExactMoments#moments()}); empty when no entry had any. */
    Moments moments(MomentKey key) {
        ExactMoments found = get(key);
        return found == null ? Moments.empty() : found.moments();
    }

    /** The moments of {@code key}, created empty where missing. */
    ExactMoments of(MomentKey key) {
        ExactMoments found = get(key);
        if (found != null) {
            return found;
        }
        if (size == keys.length) {
            int grown = Math.max(4, size * 2);
            keys = Arrays.copyOf(keys, grown);
            moments = Arrays.copyOf(moments, grown);
        }
        keys[size] = key;
        moments[size] = new ExactMoments();
        return moments[size++];
    }

    /** The moments of each of {@code keys} (a run's metrics), in their order, created where missing. */
    ExactMoments[] metricSlots(MetricKey[] keys) {
        if (!RunValues.sameKeys(keys, metricKeys)) {
            metricSlots = slots(keys);
            metricKeys = keys;
        }
        return metricSlots;
    }

    /** {@link #metricSlots} for a run's cells of the cold/warm split, kept per load bin ({@link CellSlots}). */
    ExactMoments[] cellSlots(LoadBinMetric[] keys) {
        ExactMoments[] found = cellSlots.find(keys);
        if (found == null) {
            found = slots(keys);
            cellSlots.put(keys, found);
        }
        return found;
    }

    private ExactMoments[] slots(MomentKey[] keys) {
        ExactMoments[] slots = new ExactMoments[keys.length];
        for (int i = 0; i < keys.length; i++) {
            slots[i] = of(keys[i]);
        }
        return slots;
    }

    /** About how many bytes the moments hold ({@link ExactMoments#footprintBytes()}). */
    long footprintBytes() {
        long bytes = 0;
        for (int i = 0; i < size; i++) {
            bytes += moments[i].footprintBytes();
        }
        return bytes;
    }

    /** How many keys have moments. */
    int size() {
        return size;
    }
}
