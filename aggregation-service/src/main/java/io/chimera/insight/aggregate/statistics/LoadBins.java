package io.chimera.insight.aggregate.statistics;

import io.chimera.insight.platform.metrics.CanonicalMetric;
import java.util.List;

/**
 * The grid on which runs are split by load duration: quarter-octave bins, bin {@code b} holding
 * load durations in [2<sup>b/4</sup>, 2<sup>(b+1)/4</sup>) ms, so two durations in one bin differ by
 * less than 19 %. A run's bin depends on its own load duration only, so the per-bin statistics of
 * an entry are a plain sum over its runs: they merge across files, instances and arrival orders
 * like every other count here. Which bins are cold is decided later, from the model's whole
 * distribution of load durations ({@link ColdStartSplit}).
 *
 * <p>Why a grid and not each run's exact value: classifying run by run against a threshold that
 * depends on all runs would need every run kept, and a threshold that moves as runs arrive would
 * change earlier runs' class; per-bin statistics are bounded (a model's loads span a few dozen bins)
 * and the threshold is applied to them whenever the aggregate is emitted. The price: a run is
 * classed by its bin, so the threshold acts as if rounded to a bin edge (within 19 %).
 */
public final class LoadBins {

    /** Load durations, in ms, decide the bin. */
    public static final MetricKey LOAD = key(CanonicalMetric.LOAD_DURATION_MS);
    /** The metrics split by load bin: the headline ones and the load duration itself. */
    public static final List<MetricKey> SPLIT = List.of(
            key(CanonicalMetric.TOKENS_PER_S), key(CanonicalMetric.TTFT_MS), LOAD);
    /** Load durations of 0 ms or less (a server that reports no load) share this bin. */
    static final int ZERO_BIN = Integer.MIN_VALUE;

    private static final int BINS_PER_OCTAVE = 4;

    private LoadBins() {
    }

    private static MetricKey key(CanonicalMetric metric) {
        return new MetricKey(metric.canonicalName(), metric.unit());
    }

    /** The bin of a load duration in ms. */
    public static int bin(double loadMs) {
        if (!(loadMs > 0)) {
            return ZERO_BIN;
        }
        return (int) Math.floor(Math.log(loadMs) / Math.log(2) * BINS_PER_OCTAVE);
    }

    /** Smallest load duration (ms) of the bin. */
    static double lowerEdge(int bin) {
        return bin == ZERO_BIN ? 0 : Math.pow(2, (double) bin / BINS_PER_OCTAVE);
    }

    /** The value (ms) the bin stands for when the model's median and MAD are computed: its geometric centre. */
    static double centre(int bin) {
        return bin == ZERO_BIN ? 0 : Math.pow(2, (bin + 0.5) / BINS_PER_OCTAVE);
    }
}
