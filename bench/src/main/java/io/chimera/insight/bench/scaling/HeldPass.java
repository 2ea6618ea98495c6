package io.chimera.insight.bench.scaling;

import io.chimera.insight.bench.result.PerRunCost;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A configurations point's second pass: after the first pass made the point's configurations, the same
 * number of runs again, in new files, into those same configurations (the same model and config keys), on
 * the same running aggregation, measured as the first. Its cost per run is a run's cost with the
 * configurations already held; the first pass's also carries each configuration's making (its first
 * records: snapshot, config-metrics record, entries, detection's points and states), and the difference,
 * spread over the configurations, is what a configuration's life costs beyond its runs.
 *
 * <p>The second pass still touches every configuration, as the first did: each changes again, so its output is
 * made again at the next emission. A <b>third pass</b> tells holding from touching: as many runs again into the
 * first {@value #FEW} configurations only, every configuration of the point still held. Its cost per run is a
 * run's cost with N configurations held and few touched, which is what "a cost that grows with the
 * configurations held" would show in (branch {@code scale13}'s two experimental runs found it flat).
 *
 * @param configurations the configurations the first pass made and this pass ran into again
 * @param cost           this pass's aggregation cost per run
 * @param fewTouched     the third pass's aggregation cost per run, if it ran
 */
public record HeldPass(int configurations, PerRunCost cost, Optional<PerRunCost> fewTouched) {

    /** The configurations the third pass runs into: the first of the point's, all of them still held. */
    public static final int FEW = 10;

    public HeldPass {
        if (configurations < 1) {
            throw new IllegalArgumentException("a second pass needs at least one configuration");
        }
    }

    /** A second pass without a third. */
    public HeldPass(int configurations, PerRunCost cost) {
        this(configurations, cost, Optional.empty());
    }

    /** This pass with the third pass's cost per run. */
    public HeldPass withFewTouched(PerRunCost third) {
        return new HeldPass(configurations, cost, Optional.of(third));
    }

    /**
     * Process CPU, in µs, that one configuration's making cost beyond its runs: the first pass's CPU over
     * {@code runs} runs less what those runs cost with the configurations held, over the configurations,
     * that is (first per run − second per run) × runs ÷ configurations. Negative when the second pass cost
     * more per run (noise: at a few configurations the difference of two passes over many runs is
     * divided by few).
     */
    public double lifeMicros(PerRunCost first, long runs) {
        return life(first.cpuMicros(), cost.cpuMicros(), runs);
    }

    /** The same, of the stream threads' own CPU; empty when either pass lacks it. */
    public OptionalDouble streamLifeMicros(PerRunCost first, long runs) {
        if (first.streamThreadMicros().isEmpty() || cost.streamThreadMicros().isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(life(first.streamThreadMicros().getAsDouble(),
                cost.streamThreadMicros().getAsDouble(), runs));
    }

    private double life(double firstPerRun, double heldPerRun, long runs) {
        if (runs < 1) {
            throw new IllegalArgumentException("a configuration's life needs the first pass's runs");
        }
        return (firstPerRun - heldPerRun) * runs / configurations;
    }
}
