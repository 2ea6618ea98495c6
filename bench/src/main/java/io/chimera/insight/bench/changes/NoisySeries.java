package io.chimera.insight.bench.changes;

import java.util.Random;

/**
 * Series as a rig would publish them for one (model, configuration, metric): a level with normal
 * noise of a given coefficient of variation, and optionally one step to another level. Seeded, so
 * every run of the bench sees the same series.
 */
final class NoisySeries {

    /** Level of every series; only the ratios matter (noise and step are relative to it). */
    static final double LEVEL = 1000;

    private NoisySeries() {
    }

    /**
     * {@code before} runs at {@link #LEVEL}, then {@code after} runs at {@code LEVEL * (1 + step)}, each
     * with noise of standard deviation {@code cv * LEVEL} (the noise of the history, so a step of
     * {@code k * cv} is a step of k σ).
     */
    static double[] withStep(Random random, double cv, int before, double step, int after) {
        double[] values = new double[before + after];
        for (int i = 0; i < values.length; i++) {
            double level = i < before ? LEVEL : LEVEL * (1 + step);
            values[i] = level + random.nextGaussian() * cv * LEVEL;
        }
        return values;
    }

    /** {@code runs} values at {@link #LEVEL} with noise of coefficient of variation {@code cv}. */
    static double[] stationary(Random random, double cv, int runs) {
        return withStep(random, cv, runs, 0, 0);
    }
}
