package io.chimera.insight.bench.changes;

import io.chimera.insight.platform.change.ChangeSettings;
import java.util.List;

/**
 * What {@code chimera bench changes} measures.
 *
 * @param settings         the detector's settings
 * @param cvs              noise levels (coefficients of variation, 0.01 = 1 %)
 * @param steps            relative step sizes (0.05 = 5 %)
 * @param series           step series per cell (noise × step)
 * @param history          runs before the step
 * @param follow           runs after the step the detector is given to find it
 * @param tolerance        how far from the true step a reported change may be and still count as finding it
 * @param stationarySeries stationary series per noise level
 * @param stationaryRuns   runs of each stationary series
 * @param window           the history the detector sees, as the stream keeps it (the last N runs)
 * @param seed             seed of the series
 */
record ChangeQualityOptions(ChangeSettings settings, List<Double> cvs, List<Double> steps, int series, int history,
                            int follow, int tolerance, int stationarySeries, int stationaryRuns, int window,
                            long seed) {
}
