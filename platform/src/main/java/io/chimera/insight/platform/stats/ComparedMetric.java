package io.chimera.insight.platform.stats;

import java.util.List;
import java.util.Objects;

/**
 * A metric configurations are compared on, and which way it gets better.
 *
 * @param name   the metric's name in {@code ModelMetrics} / {@code ConfigStats} (canonical vocabulary)
 * @param better whether a higher or a lower mean is the better one
 */
public record ComparedMetric(String name, Better better) {

    /** Which way a metric improves. */
    public enum Better {
        HIGHER,
        LOWER
    }

    /** Generation throughput: higher is better. */
    public static final ComparedMetric TOKENS_PER_S = new ComparedMetric("tokens_per_s", Better.HIGHER);
    /** Time to first token: lower is better. */
    public static final ComparedMetric TTFT_MS = new ComparedMetric("ttft_ms", Better.LOWER);

    public ComparedMetric {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(better, "better");
    }

    /** The metrics a config comparison reports by default: tokens/s, then TTFT. */
    public static List<ComparedMetric> headline() {
        return List.of(TOKENS_PER_S, TTFT_MS);
    }

    /** Whether {@code candidate} is a better mean than {@code reference} for this metric (strictly). */
    public boolean isBetter(double candidate, double reference) {
        return better == Better.HIGHER ? candidate > reference : candidate < reference;
    }
}
