package io.chimera.insight.aggregate.statistics;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@link ExactMoments} of a configuration or of a whole model, one per metric and per cell of the
 * cold/warm split ({@link MomentKey}): the union of its (file, config) entries' moments of it.
 *
 * <p>The arrays for the keys of the run before are kept ({@link #metricSlots}, {@link #cellSlots}), as
 * {@link ConfigAggregate} keeps its accumulators': a rig's runs bring the same shared keys
 * ({@link MetricKeys}) again and again, found by comparing references, not by hashing. Not thread-safe.
 */
final class MomentTotals {

    private final Map<MomentKey, ExactMoments> byKey = new HashMap<>();
    private MomentKey[] metricKeys;
    private ExactMoments[] metricSlots;
    /** The last run's cells and their moments ({@link #cellSlots}). */
    private LoadBinMetric[] lastCells;
    private ExactMoments[] lastCellSlots;
    /** Those of every bin seen, once a second one came ({@link CellSlots}): most entries never see one. */
    private CellSlots<ExactMoments[]> cellSlots;

    /** The moments of {@code key}; null when no entry had any. */
    ExactMoments get(MomentKey key) {
        return byKey.get(key);
    }

    /** The count, mean and M2 of {@code key} ({@link ExactMoments#moments()}); empty when no entry had any. */
    Moments moments(MomentKey key) {
        ExactMoments moments = byKey.get(key);
        return moments == null ? new Moments() : moments.moments();
    }

    /** The moments of {@code key}, created empty where missing. */
    ExactMoments of(MomentKey key) {
        return byKey.computeIfAbsent(key, k -> new ExactMoments());
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
        if (RunValues.sameKeys(keys, lastCells)) {
            return lastCellSlots;
        }
        ExactMoments[] found = cellSlots == null ? null : cellSlots.get(keys);
        if (found == null) {
            found = slots(keys);
            if (lastCells != null && lastCells.length > 0 && keys.length > 0) {
                if (cellSlots == null) {
                    cellSlots = new CellSlots<>();
                    cellSlots.put(lastCells, lastCellSlots);
                }
                cellSlots.put(keys, found);
            }
        }
        lastCells = keys;
        lastCellSlots = found;
        return found;
    }

    private ExactMoments[] slots(MomentKey[] keys) {
        ExactMoments[] slots = new ExactMoments[keys.length];
        for (int i = 0; i < keys.length; i++) {
            slots[i] = of(keys[i]);
        }
        return slots;
    }

    /** How many keys have moments. */
    int size() {
        return byKey.size();
    }
}
