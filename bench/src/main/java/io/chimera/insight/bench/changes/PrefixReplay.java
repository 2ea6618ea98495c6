package io.chimera.insight.bench.changes;

import io.chimera.insight.platform.change.ChangeDetector;
import io.chimera.insight.platform.change.ChangePoint;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A series fed to a detector run by run, as the aggregation will: after each new run the detector
 * sees the series so far (its last {@code window} runs, the history the stream keeps) and answers
 * afresh. Indices are the series' own, whatever the window. A reporter that remembers what it
 * reported ({@link HysteresisDetector}) is made afresh for each replay of a series and fed its
 * lengths in increasing order.
 */
final class PrefixReplay {

    /** What is reported about one series once it has its first {@code length} runs; lengths never go back. */
    interface SeriesReporter {
        Set<Integer> changesAt(double[] series, int length);
    }

    private final Supplier<SeriesReporter> reporters;

    /** A stateless detector, asked afresh after each run: the product's detector as it stands. */
    PrefixReplay(ChangeDetector detector, int window) {
        this(() -> (series, length) -> changesOf(detector, window, series, length));
    }

    /** A reporter per replay of a series, from {@code reporters}. */
    PrefixReplay(Supplier<SeriesReporter> reporters) {
        this.reporters = reporters;
    }

    private static Set<Integer> changesOf(ChangeDetector detector, int window, double[] series, int length) {
        int from = Math.max(0, length - window);
        List<ChangePoint> changes = detector.detect(Arrays.copyOfRange(series, from, length));
        Set<Integer> indices = new HashSet<>();
        for (ChangePoint change : changes) {
            indices.add(change.index() + from);
        }
        return indices;
    }

    /** The change indices reported when the series has its first {@code length} runs (a fresh replay). */
    Set<Integer> changesAt(double[] series, int length) {
        return reporters.get().changesAt(series, length);
    }

    /**
     * Runs after the step (index {@code step}) until a change is first reported within
     * {@code tolerance} of it, looking at most {@code follow} runs past the step; -1 when none is.
     */
    int delay(double[] series, int step, int tolerance, int follow) {
        SeriesReporter reporter = reporters.get();
        for (int seen = 1; seen <= follow && step + seen <= series.length; seen++) {
            for (int index : reporter.changesAt(series, step + seen)) {
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
        SeriesReporter reporter = reporters.get();
        for (int length = 1; length <= series.length; length++) {
            Set<Integer> current = reporter.changesAt(series, length);
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
