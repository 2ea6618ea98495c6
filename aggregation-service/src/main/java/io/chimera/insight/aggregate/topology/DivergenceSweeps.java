package io.chimera.insight.aggregate.topology;

import io.chimera.insight.aggregate.memory.WeightedLru;
import io.chimera.insight.aggregate.statistics.SeriesId;
import io.chimera.insight.platform.change.ChangeDetector;
import io.chimera.insight.platform.change.ChangePoint;
import io.chimera.insight.platform.change.DivergenceSweep;
import java.util.List;

/**
 * The divergence search of each series' last evaluation ({@link DivergenceSweep}), so that the next
 * evaluation of a series that only grew scores the new runs, not the whole history again: with the
 * bench's harsh setting a busy model is evaluated about once a second while its runs stream in, and
 * each evaluation searched every due series from its first run (O(n<sup>2</sup>) each).
 *
 * <p>Nothing here needs to follow the stores: a sweep checks the series it is given against the
 * values it swept and starts over when they differ, so a sweep that is stale (a restart, an aborted
 * transaction, a replaced file) costs a full search, as before, and never changes an answer. Bounded:
 * past {@link #BUDGET_VALUES} values held (each three to five doubles), the least recently used series go.
 * Only the task's own thread touches it.
 */
final class DivergenceSweeps {

    /** Values held over every series: 24 to 40 bytes each, so 6 to 10 MiB per stream task at most. */
    static final int BUDGET_VALUES = 262_144;

    /** Series to its sweep, weighing the values it holds. */
    private final WeightedLru<SeriesId, DivergenceSweep> sweeps;

    DivergenceSweeps(int budgetValues) {
        this.sweeps = WeightedLru.weighing(budgetValues, DivergenceSweep::size);
    }

    /**
     * {@code detector}'s change points of the series' {@code values}, resuming the sweep of its last
     * evaluation.
     *
     * @param minSegment the detector's fewest runs on either side of a change
     */
    List<ChangePoint> detect(SeriesId id, ChangeDetector detector, int minSegment, double[] values) {
        DivergenceSweep sweep = sweeps.get(id);
        if (sweep == null || sweep.minSegment() != minSegment) {
            forget(id);
            sweep = new DivergenceSweep(minSegment);
            sweeps.put(id, sweep);
        }
        List<ChangePoint> detected = detector.detect(values, sweep);
        sweeps.reweigh(id);
        return detected;
    }

    /** The series is gone (its state forgotten): its sweep goes too. */
    void forget(SeriesId id) {
        sweeps.remove(id);
    }

    /** Whether the series' sweep is held. */
    boolean holds(SeriesId id) {
        return sweeps.containsKey(id);
    }

    /** Values held now, over every series. */
    long size() {
        return sweeps.weight();
    }
}
