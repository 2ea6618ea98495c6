package io.chimera.insight.bench.result;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Exact percentiles of a small sample (nearest rank): the bench keeps every sample, so no sketch is needed. */
public final class Percentiles {

    private final List<Double> sorted;

    public Percentiles(List<Double> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        List<Double> copy = new ArrayList<>(samples);
        Collections.sort(copy);
        this.sorted = List.copyOf(copy);
    }

    /** The smallest sample with at least {@code p} percent of the samples at or below it. */
    public double at(double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    public double max() {
        return sorted.get(sorted.size() - 1);
    }

    public double mean() {
        return sorted.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    public int count() {
        return sorted.size();
    }
}
