package io.chimera.insight.bench.corpus;

import java.util.Random;

/**
 * Draws plausible runs for one model: throughput falls with model size and with layers left on
 * the CPU, TTFT grows with the context window, a first call now and then pays the model load,
 * and a small share of calls fail with the errors real rigs logged.
 */
final class RunSampler {

    private static final String[] ERRORS = {
        "[WinError 10061] No connection could be made because the target machine actively refused it",
        "HTTPConnectionPool(host='localhost', port=11434): Read timed out. (read timeout=120)",
        "llama runner process has terminated: exit status 2",
    };

    private final Random random;
    private final double failureShare;

    RunSampler(Random random, double failureShare) {
        this.random = random;
        this.failureShare = failureShare;
    }

    Random random() {
        return random;
    }

    RunSample sample(String model, SweepConfig config) {
        if (random.nextDouble() < failureShare) {
            return new RunSample(0, 0, 0, 0, 0, 0, 0, 0, ERRORS[random.nextInt(ERRORS.length)]);
        }
        double billions = ModelNames.billions(model);
        double tokensS = 420 / (1 + billions / 2.5) * config.gpuSpeedFactor() * noise(0.03);
        boolean coldStart = random.nextDouble() < 0.08;
        double loadS = coldStart ? 0.8 + billions * 0.12 * noise(0.2) : 0.05 + 0.05 * random.nextDouble();
        double promptEvalS = (0.008 + billions * 0.002) * config.contextTtftFactor() * noise(0.15);
        int evalCount = 40 + random.nextInt(900);
        double evalS = evalCount / tokensS;
        int promptEvalCount = 18 + random.nextInt(40);
        int responseChars = (int) (evalCount * (3.2 + random.nextDouble()));
        return new RunSample(loadS + promptEvalS, tokensS, loadS, promptEvalS, evalS, promptEvalCount, evalCount,
                responseChars, null);
    }

    /**
     * A point of the sweep a rig runs for {@code model}: two GPU offloads, three context windows and
     * three temperatures, the same grid for every file of the model (as one rig configuration
     * would), so a model collects tens of configurations, not every combination there is.
     */
    SweepConfig anyConfig(String model) {
        int salt = Math.floorMod(model.hashCode(), 1 << 16);
        int gpu = SweepConfig.NUM_GPU[(salt + random.nextInt(2)) % SweepConfig.NUM_GPU.length];
        int ctx = SweepConfig.NUM_CTX[(salt / 4 + random.nextInt(3)) % SweepConfig.NUM_CTX.length];
        double temperature = SweepConfig.TEMPERATURE[(salt / 16 + random.nextInt(3)) % SweepConfig.TEMPERATURE.length];
        return new SweepConfig(gpu, ctx, temperature);
    }

    private double noise(double relative) {
        return Math.max(0.2, 1 + random.nextGaussian() * relative);
    }
}
