package io.chimera.insight.platform.change;

import java.util.List;

/**
 * Finds the confirmed change points of one series, oldest value first. The same input always gives
 * the same answer (no randomness, no clock), so re-evaluating a series after a restart or in another
 * order of arrival finds the same changes.
 */
public interface ChangeDetector {

    /**
     * The confirmed change points of {@code values} (oldest first), in order of their index; empty
     * when the series is stationary or too short to say.
     */
    List<ChangePoint> detect(double[] values);

    /**
     * {@link #detect(double[])}, the same answer, given the search of this series' last evaluation to
     * resume where the detector can ({@link DivergenceSweep}); it leaves there the search of
     * {@code values}. A detector without such a search ignores it.
     */
    default List<ChangePoint> detect(double[] values, DivergenceSweep sweep) {
        return detect(values);
    }
}
