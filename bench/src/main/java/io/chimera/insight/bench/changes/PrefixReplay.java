package io.chimera.insight.bench.changes;

import io.chimera.insight.platform.change.ChangeDetector;
import io.chimera.insight.platform.change.ChangePoint;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A series fed to a detector run by run, as the aggregation will: after each new run the detector
 * sees the series so far (its last {@code window} runs, the history the stream keeps) and answers
 * afresh. Indices are the series' own, whatever the window.
 */
final class PrefixReplay {

    private final ChangeDetector detector;
    private final int window;

    PrefixReplay(ChangeDetector detector, int window) {
        this.detector = detector;
        this.window = window;
    }

    /** The change indices the detector reports when the series has its first {@code length} runs. */
    Set<Integer> changesAt(double[] series, int length) {
        int from = Math.max(0, length - window);
        List<ChangePoint> changes = detector.detect(Arrays.copyOfRange(series, from, length));
        Set<Integer> indices = new HashSet<>();
        for (ChangePoint change : changes) {
            indices.add(change.index() + from);
        }
        return indices;
    }

    /**
     * Runs after the step (index {@code step}) until a change is first reported within
     * {@code tolerance} of it, looking at most {@code follow} runs past the step; -1 when none is.
     */
    int delay(double[] series, int step, int tolerance, int follow) {
        for (int seen = 1; seen <= follow && step + seen <= series.length; seen++) {
            for (int index : changesAt(series, step + seen)) {
                if (Math.abs(index - step) <= tolerance) {
                    return seen;
                }
            }
        }
        return -1;
    }

    /**
     * Whether a change within {@code tolerance} of the step (index {@code step}) is reported once the
     * detector has seen {@code seen} runs after it: a step found early can be dropped later, when more
     * runs narrow its interval below the minimum effect (the aggregation then retracts it).
     */
    boolean reportedAfter(double[] series, int step, int tolerance, int seen) {
        for (int index : changesAt(series, Math.min(series.length, step + seen))) {
            if (Math.abs(index - step) <= tolerance) {
                return true;
            }
        }
        return false;
    }

    /**
     * Changes reported on a stationary series replayed from its first run, all of them false.
     *
     * @param appearances each change index reported after a run that was not reported after the run before
     *                    (an index that moves, or comes back after vanishing, counts again: the stream might
     *                    publish it again)
     * @param distinct    distinct change indices ever reported (the events a stream that remembers what it
     *                    published would send)
     */
    record Alarms(int appearances, int distinct) {
    }

    Alarms alarms(double[] series) {
        int appearances = 0;
        Set<Integer> previous = Set.of();
        Set<Integer> ever = new HashSet<>();
        for (int length = 1; length <= series.length; length++) {
            Set<Integer> current = changesAt(series, length);
            for (int index : current) {
                if (!previous.contains(index)) {
                    appearances++;
                }
            }
            ever.addAll(current);
            previous = current;
        }
        return new Alarms(appearances, ever.size());
    }
}
