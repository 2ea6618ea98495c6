package io.chimera.insight.aggregate.topology;

import io.chimera.insight.aggregate.statistics.SeriesId;
import io.chimera.insight.platform.change.ChangeDetector;
import io.chimera.insight.platform.change.ChangePoint;
import io.chimera.insight.platform.change.DivergenceSweep;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** Series to its sweep, in access order: the first is the least recently used. */
    private final Map<SeriesId, DivergenceSweep> sweeps = new LinkedHashMap<>(64, 0.75f, true);
    private final int budgetValues;
    private long held;

    DivergenceSweeps(int budgetValues) {
        if (budgetValues < 1) {
            throw new IllegalArgumentException("budgetValues must be positive, was " + budgetValues);
        }
        this.budgetValues = budgetValues;
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
        int before = sweep.size();
        List<ChangePoint> detected = detector.detect(values, sweep);
        held += sweep.size() - before;
        Iterator<DivergenceSweep> leastRecent = sweeps.values().iterator();
        while (held > budgetValues && leastRecent.hasNext()) {
            held -= leastRecent.next().size();
            leastRecent.remove();
        }
        return detected;
    }

    /** The series is gone (its state forgotten): its sweep goes too. */
    void forget(SeriesId id) {
        DivergenceSweep sweep = sweeps.remove(id);
        if (sweep != null) {
            held -= sweep.size();
        }
    }

    /** Whether the series' sweep is held. */
    boolean holds(SeriesId id) {
        return sweeps.containsKey(id);
    }

    /** Values held now, over every series. */
    long size() {
        return held;
    }
}
