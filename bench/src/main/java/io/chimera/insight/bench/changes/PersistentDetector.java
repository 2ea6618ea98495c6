package io.chimera.insight.bench.changes;

import io.chimera.insight.platform.change.ChangeDetector;
import io.chimera.insight.platform.change.ChangePoint;
import java.util.Arrays;
import java.util.List;

/**
 * A detector that reports a change only once it has survived more runs: a change of the full
 * series is kept only if the series without its newest run (and without its newest two, and so on,
 * up to {@code runs}) shows it too, in the same direction and within {@link #TOLERANCE} runs of the
 * same index. Still a pure function of the series. Measured as a way to cut false alarms at a larger
 * alpha ({@code chimera bench changes --persistence 1}), and not taken: it does not (docs/benchmarks.md,
 * "Change detection"); so it lives here, not in the product's detector.
 */
final class PersistentDetector implements ChangeDetector {

    /** How far a change may move between the shorter series and the longer and still be the same one. */
    static final int TOLERANCE = 2;

    private final ChangeDetector detector;
    private final int runs;

    private PersistentDetector(ChangeDetector detector, int runs) {
        this.detector = detector;
        this.runs = runs;
    }

    /** {@code detector} itself when {@code runs} is 0. */
    static ChangeDetector of(ChangeDetector detector, int runs) {
        if (runs < 0) {
            throw new IllegalArgumentException("persistence must be >= 0 runs, got " + runs);
        }
        return runs == 0 ? detector : new PersistentDetector(detector, runs);
    }

    @Override
    public List<ChangePoint> detect(double[] values) {
        List<ChangePoint> found = detector.detect(values);
        // The shorter series are searched only when the full one found something: a stationary
        // series costs one search.
        for (int dropped = 1; dropped <= runs && !found.isEmpty(); dropped++) {
            List<ChangePoint> earlier = detector.detect(Arrays.copyOf(values, Math.max(0, values.length - dropped)));
            found = found.stream().filter(point -> survives(point, earlier)).toList();
        }
        return found;
    }

    private static boolean survives(ChangePoint point, List<ChangePoint> earlier) {
        int direction = Double.compare(point.after().mean(), point.before().mean());
        return earlier.stream().anyMatch(other -> Math.abs(other.index() - point.index()) <= TOLERANCE
                && Double.compare(other.after().mean(), other.before().mean()) == direction);
    }
}
