package io.chimera.insight.platform.stats;

import io.chimera.insight.platform.metrics.Better;
import io.chimera.insight.platform.metrics.CanonicalMetric;
import java.util.List;
import java.util.Objects;

/**
 * A metric configurations are compared on, and which way it gets better.
 *
 * @param name   the metric's name in {@code ModelMetrics} / {@code ConfigStats} (canonical vocabulary)
 * @param better whether a higher or a lower mean is the better one; never {@link Better#NEITHER},
 *               as a metric without a better side has no best configuration
 */
public record ComparedMetric(String name, Better better) {

    /** Generation throughput: higher is better. */
    public static final ComparedMetric TOKENS_PER_S = of(CanonicalMetric.TOKENS_PER_S);
    /** Time to first token: lower is better. */
    public static final ComparedMetric TTFT_MS = of(CanonicalMetric.TTFT_MS);

    public ComparedMetric {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(better, "better");
        if (better == Better.NEITHER) {
            throw new IllegalArgumentException(name + " has no better direction to compare on");
        }
    }

    /** A catalogued metric, compared the way the catalogue says it improves. */
    public static ComparedMetric of(CanonicalMetric metric) {
        return new ComparedMetric(metric.canonicalName(), metric.better());
    }

    /** The metrics a config comparison reports by default: the catalogue's headline ones, in display order. */
    public static List<ComparedMetric> headline() {
        return CanonicalMetric.headlines().stream().map(ComparedMetric::of).toList();
    }

    /** Whether {@code candidate} is a better mean than {@code reference} for this metric (strictly). */
    public boolean isBetter(double candidate, double reference) {
        return better == Better.HIGHER ? candidate > reference : candidate < reference;
    }
}
