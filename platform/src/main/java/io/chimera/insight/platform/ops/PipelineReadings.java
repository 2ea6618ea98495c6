package io.chimera.insight.platform.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What the pipeline's own meters ({@link PipelineMetrics}) hold at one moment, read back from the
 * registry they were recorded into: the read side of the same names, so they stay spelled in this
 * package only. Counters and histograms are cumulative since the process started; the difference of
 * two readings ({@link Buckets#minus}) is what happened between them. A figure whose meter the
 * registry does not have (ingest's counters in a report service run alone) is empty, not zero.
 *
 * @param filesPublished  benchmark files published, every status
 * @param runsPublished   runs published, ok and failed
 * @param deadLetters     dead letters by stage
 * @param inflight        LLM calls running now, by worker
 * @param reportLagMs     ingest of the oldest run covered to the report written, in milliseconds
 * @param ttftMs          time to first token of narrative calls, in milliseconds, every worker together
 * @param tokensPerSecond throughput of narrative calls, every worker together
 */
public record PipelineReadings(Optional<Double> filesPublished, Optional<Double> runsPublished,
                               Map<String, Double> deadLetters, Map<String, Double> inflight,
                               Optional<Buckets> reportLagMs, Optional<Buckets> ttftMs,
                               Optional<Buckets> tokensPerSecond) {

    /** Reads every pipeline meter of {@code registry}, whatever service recorded it. */
    public static PipelineReadings read(MeterRegistry registry) {
        return new PipelineReadings(
                sum(registry.find(PipelineMetrics.FILES).counters()),
                sum(registry.find(PipelineMetrics.RUNS).counters()),
                byTag(registry.find(PipelineMetrics.DEAD_LETTERS).counters(), "stage", Counter::count),
                byTag(registry.find(PipelineMetrics.LLM_INFLIGHT).gauges(), "worker", Gauge::value),
                Buckets.ofTimers(registry.find(PipelineMetrics.REPORT_LAG).timers()),
                Buckets.ofTimers(registry.find(PipelineMetrics.LLM_TTFT).timers()),
                Buckets.ofSummaries(registry.find(PipelineMetrics.LLM_TOKENS_PER_SECOND).summaries()));
    }

    private static Optional<Double> sum(Collection<Counter> counters) {
        return counters.isEmpty() ? Optional.empty()
                : Optional.of(counters.stream().mapToDouble(Counter::count).sum());
    }

    private static <M extends Meter> Map<String, Double> byTag(Collection<M> meters,
            String tag, Function<M, Double> value) {
        Map<String, Double> values = new TreeMap<>();
        for (M meter : meters) {
            String key = Optional.ofNullable(meter.getId().getTag(tag)).orElse("");
            values.merge(key, value.apply(meter), Double::sum);
        }
        return values;
    }

    /**
     * A histogram as Prometheus keeps it: how many values were recorded ({@code count}) and, for each
     * bucket's upper bound, how many were at most that (cumulative). Meters of one name share their
     * bounds, so several workers' histograms add up bucket by bucket.
     */
    public record Buckets(long count, double[] bounds, double[] cumulative) {

        static Optional<Buckets> ofTimers(Collection<Timer> timers) {
            return add(timers.stream().map(Timer::takeSnapshot).toList(), TimeUnit.MILLISECONDS);
        }

        static Optional<Buckets> ofSummaries(Collection<DistributionSummary> summaries) {
            return add(summaries.stream().map(DistributionSummary::takeSnapshot).toList(), null);
        }

        /** The snapshots added up; empty when there is none, or none keeps buckets (a registry without histograms). */
        private static Optional<Buckets> add(List<HistogramSnapshot> snapshots, TimeUnit unit) {
            Buckets total = null;
            for (HistogramSnapshot snapshot : snapshots) {
                CountAtBucket[] counts = snapshot.histogramCounts();
                if (counts.length == 0) {
                    continue;
                }
                double[] bounds = new double[counts.length];
                double[] cumulative = new double[counts.length];
                for (int i = 0; i < counts.length; i++) {
                    bounds[i] = unit == null ? counts[i].bucket() : counts[i].bucket(unit);
                    cumulative[i] = counts[i].count();
                }
                Buckets one = new Buckets(snapshot.count(), bounds, cumulative);
                total = total == null ? one : total.plus(one);
            }
            return Optional.ofNullable(total);
        }

        private Buckets plus(Buckets other) {
            requireSameBounds(other);
            double[] sum = cumulative.clone();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += other.cumulative[i];
            }
            return new Buckets(count + other.count, bounds, sum);
        }

        /** What was recorded after {@code earlier}, a reading of the same histogram. */
        public Buckets minus(Buckets earlier) {
            requireSameBounds(earlier);
            double[] difference = cumulative.clone();
            for (int i = 0; i < difference.length; i++) {
                difference[i] -= earlier.cumulative[i];
            }
            return new Buckets(count - earlier.count, bounds, difference);
        }

        private void requireSameBounds(Buckets other) {
            if (!Arrays.equals(bounds, other.bounds)) {
                throw new IllegalArgumentException("histograms with different buckets cannot be combined");
            }
        }

        /**
         * The {@code q} quantile, interpolated linearly within its bucket as Prometheus'
         * {@code histogram_quantile} does; empty when nothing was recorded. A quantile beyond the last
         * bucket is that bucket's bound, a lower limit of the truth.
         */
        public Optional<Double> quantile(double q) {
            if (count <= 0) {
                return Optional.empty();
            }
            double rank = q * count;
            double lowerBound = 0;
            double lowerCount = 0;
            for (int i = 0; i < bounds.length; i++) {
                if (cumulative[i] >= rank && cumulative[i] > lowerCount) {
                    return Optional.of(lowerBound + (bounds[i] - lowerBound) * (rank - lowerCount)
                            / (cumulative[i] - lowerCount));
                }
                lowerBound = bounds[i];
                lowerCount = cumulative[i];
            }
            return Optional.of(bounds[bounds.length - 1]);
        }
    }
}
