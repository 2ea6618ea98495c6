package io.chimera.insight.aggregate.statistics;

/**
 * Which runs of a model its cold/warm split calls cold, by a run's own load duration: the model's
 * {@link ColdStartRule} applied to all its load durations, exactly as {@link ColdStartSplit} decides
 * it for the aggregate (a run stands at its load bin's centre, and a bin above the threshold is
 * cold), so change detection and the report's cold-start figures agree on every run.
 *
 * <p>The threshold is the model's as of the moment it is taken: it moves as runs arrive, so a run
 * near it may change class between two evaluations.
 */
public final class ColdRuns {

    /** Calls no run cold: for a model whose runs report no load duration. */
    public static final ColdRuns NONE = new ColdRuns(Double.NaN);

    private final double thresholdMs;

    private ColdRuns(double thresholdMs) {
        this.thresholdMs = thresholdMs;
    }

    /** The model's cold runs under {@code rule}, from its running aggregate. */
    public static ColdRuns of(ColdStartRule rule, RunningModel model) {
        return new ColdRuns(ColdStartSplit.of(rule, model.overall().loadSplit()).thresholdMs());
    }

    /** Whether a run of this load duration (ms; NaN for none reported) is cold: never when it reports none. */
    public boolean cold(double loadMs) {
        return !Double.isNaN(thresholdMs) && !Double.isNaN(loadMs) && LoadBins.centre(LoadBins.bin(loadMs)) > thresholdMs;
    }
}
