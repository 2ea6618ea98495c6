package io.chimera.insight.platform.stats;

import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.metrics.Better;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Compares the configurations of one model's aggregate: the best configuration per metric, and
 * every other configuration against a baseline with Welch's t-test. Pure functions over
 * {@code ModelMetrics}; the prompt and the report both read it, so they state the same figures.
 *
 * <h2>Best configuration</h2>
 * Highest mean for {@link io.chimera.insight.platform.metrics.Better#HIGHER} metrics (tokens/s),
 * lowest for {@link io.chimera.insight.platform.metrics.Better#LOWER} ones (TTFT). Ties go to the
 * configuration with more samples, then to the smaller config key, so the choice never depends on order. Only configurations with
 * at least one value of the metric take part.
 *
 * <h2>Baseline</h2>
 * Among configurations with at least one value of a compared metric: the empty configuration
 * (config key {@code ""}) when there is one — rigs run their baseline with the backend's defaults,
 * so it carries no config — otherwise the one with most successful runs ({@code runs - failedRuns}),
 * ties to the smaller config key. The rule depends only on the aggregate, so replaying the same
 * input always picks the same baseline.
 *
 * <h2>Significance</h2>
 * Two-sided Welch p-value below {@link #SIGNIFICANCE_LEVEL}; no p-value (and so not significant)
 * when either side has fewer than 2 values or both have zero variance (see {@link WelchTest}).
 * Deltas are not corrected for multiple comparisons: with many configurations, a few
 * "significant" differences at 0.05 are expected by chance.
 */
public final class ConfigComparison {

    /** Threshold under which a p-value makes a difference significant. */
    public static final double SIGNIFICANCE_LEVEL = 0.05;
    /** Runs a configuration needs before {@link #bestReplicated} may name it: one run has no interval. */
    public static final int MIN_RUNS_FOR_BEST = 2;

    private final String model;
    private final List<ComparedMetric> metrics;
    private final List<ConfigStats> configs;
    /** Chosen on first use: the prompt and the recommendations ask for the best configurations only. */
    private ConfigStats baseline;
    private boolean baselineChosen;

    private ConfigComparison(String model, List<ComparedMetric> metrics, List<ConfigStats> configs) {
        this.model = model;
        this.metrics = List.copyOf(metrics);
        this.configs = List.copyOf(configs);
    }

    /** Comparison on the headline metrics: tokens/s and TTFT. */
    public static ConfigComparison of(ModelMetrics aggregate) {
        return of(aggregate, ComparedMetric.headline());
    }

    /** Comparison on the given metrics, in that order. */
    public static ConfigComparison of(ModelMetrics aggregate, List<ComparedMetric> metrics) {
        Objects.requireNonNull(aggregate, "aggregate");
        return new ConfigComparison(aggregate.getModel(), metrics, aggregate.getConfigs());
    }

    public String model() {
        return model;
    }

    /** The metrics compared, in order. */
    public List<ComparedMetric> metrics() {
        return metrics;
    }

    /** The reference configuration of {@link #deltas()}; empty when no configuration has a compared metric. */
    public Optional<ConfigStats> baseline() {
        return Optional.ofNullable(chosenBaseline());
    }

    /**
     * The baseline, chosen once, when it is first needed: choosing it streams over every configuration and
     * metric, which was 5 % of an analysis's prompt CPU (JFR, the sweep fixture), where the prompt and
     * {@link Recommendations#bestConfiguration} never use it. Not thread-safe; neither is this class meant
     * to be shared between threads (each caller makes its own).
     */
    private ConfigStats chosenBaseline() {
        if (!baselineChosen) {
            baseline = chooseBaseline(configs, metrics);
            baselineChosen = true;
        }
        return baseline;
    }

    /** The best configuration for tokens/s (highest mean). */
    public Optional<BestConfig> bestThroughput() {
        return best(ComparedMetric.TOKENS_PER_S);
    }

    /** The best configuration for TTFT (lowest mean). */
    public Optional<BestConfig> bestTtft() {
        return best(ComparedMetric.TTFT_MS);
    }

    /** The best configuration for {@code metric}; empty when no configuration has a value of it. */
    public Optional<BestConfig> best(ComparedMetric metric) {
        return rankedByMean(metric).stream().findFirst();
    }

    /**
     * Every configuration with a value of {@code metric}, best mean first (ties: more samples, then the
     * smaller config key), whatever its number of runs: the order {@link #best} picks from. A ranking of
     * single runs is no evidence; the report says so where it shows one.
     */
    public List<BestConfig> rankedByMean(ComparedMetric metric) {
        List<BestConfig> ranked = new ArrayList<>();
        for (ConfigStats config : configs) {
            MetricStats stats = statsOf(config, metric.name());
            if (stats != null) {
                ranked.add(new BestConfig(metric, config, stats));
            }
        }
        ranked.sort((a, b) -> beats(metric, a, b) ? -1 : beats(metric, b, a) ? 1 : 0);
        return ranked;
    }

    /**
     * The configuration to recommend for {@code metric}: among those with at least
     * {@value #MIN_RUNS_FOR_BEST} runs of it, the one whose 95 % interval of the mean ends best on its
     * worse side (the highest lower bound for a metric where higher is better, the lowest upper bound
     * otherwise), so a configuration wins by what its runs guarantee, not by one lucky run. Empty when
     * no configuration has that many runs: then no configuration is named at all.
     */
    public Optional<BestConfig> bestReplicated(ComparedMetric metric) {
        // The first of rankedReplicated's order, found in one pass instead of a sort: the sort is stable, so
        // its first is the earliest of the equally ranked, which the strict comparison keeps too.
        Comparator<Replicated> order = Replicated.order(metric);
        Replicated best = null;
        for (ConfigStats config : configs) {
            Replicated candidate = replicated(config, metric);
            if (candidate != null && (best == null || order.compare(candidate, best) < 0)) {
                best = candidate;
            }
        }
        return best == null ? Optional.empty() : Optional.of(best.asBest(metric));
    }

    /**
     * Every configuration with at least {@value #MIN_RUNS_FOR_BEST} runs of {@code metric}, ranked as
     * {@link #bestReplicated} ranks them: by the worse end of the 95 % interval of the mean, best first,
     * ties to the smaller config key. Configurations with fewer runs are not in it.
     */
    public List<BestConfig> rankedReplicated(ComparedMetric metric) {
        List<Replicated> ranked = new ArrayList<>(configs.size());
        for (ConfigStats config : configs) {
            Replicated candidate = replicated(config, metric);
            if (candidate != null) {
                ranked.add(candidate);
            }
        }
        ranked.sort(Replicated.order(metric));
        List<BestConfig> best = new ArrayList<>(ranked.size());
        ranked.forEach(candidate -> best.add(candidate.asBest(metric)));
        return best;
    }

    /**
     * {@code config} as the replicated ranking judges it, or {@code null} when it is not ranked (fewer than
     * {@value #MIN_RUNS_FOR_BEST} runs, or no interval). The end of its interval it is judged by is worked out
     * here, once: the analysis ranks the configurations several times per request, and working both
     * intervals out at every comparison of the sort (an {@code Optional} and an interval each time) made up
     * most of a ranking's cost.
     */
    private static Replicated replicated(ConfigStats config, ComparedMetric metric) {
        MetricStats stats = statsOf(config, metric.name());
        if (stats == null || stats.getCount() < MIN_RUNS_FOR_BEST) {
            return null;
        }
        // As BestConfig.interval() works it out.
        double variance = stats.getStddev() * stats.getStddev();
        if (!MeanInterval.exists(stats.getCount(), variance)) {
            return null;
        }
        double halfWidth = MeanInterval.halfWidth(stats.getCount(), variance);
        double worseEnd = metric.better() == Better.LOWER ? stats.getMean() + halfWidth : stats.getMean() - halfWidth;
        return new Replicated(config, stats, worseEnd);
    }

    /** A configuration the replicated ranking judges, with the end of its interval it is judged by. */
    private record Replicated(ConfigStats config, MetricStats stats, double worseEnd) {

        private static final Comparator<Replicated> BY_KEY = Comparator.comparing(r -> r.config().getConfigKey());
        /** Where lower is better: the lowest upper end first. */
        private static final Comparator<Replicated> LOWEST_FIRST =
                Comparator.comparingDouble(Replicated::worseEnd).thenComparing(BY_KEY);
        /** Where higher is better: the highest lower end first. */
        private static final Comparator<Replicated> HIGHEST_FIRST =
                Comparator.comparingDouble(Replicated::worseEnd).reversed().thenComparing(BY_KEY);

        static Comparator<Replicated> order(ComparedMetric metric) {
            return metric.better() == Better.LOWER ? LOWEST_FIRST : HIGHEST_FIRST;
        }

        BestConfig asBest(ComparedMetric metric) {
            return new BestConfig(metric, config, stats);
        }
    }

    /**
     * Every other configuration against the baseline, config by config (in the aggregate's
     * order, by config key) and, within one, metric by metric; a pair appears only when both
     * configurations have values of the metric.
     */
    public List<ConfigDelta> deltas() {
        List<ConfigDelta> deltas = new ArrayList<>();
        ConfigStats baseline = chosenBaseline();
        if (baseline == null) {
            return deltas;
        }
        for (ConfigStats config : configs) {
            if (config == baseline) {
                continue;
            }
            for (ComparedMetric metric : metrics) {
                compare(metric, baseline, config).ifPresent(deltas::add);
            }
        }
        return deltas;
    }

    /** The deltas of one metric. */
    public List<ConfigDelta> deltas(ComparedMetric metric) {
        return deltas().stream().filter(delta -> delta.metric().equals(metric)).toList();
    }

    /**
     * Any two configurations on one metric: {@code other} relative to {@code reference}.
     *
     * @return empty when either configuration has no value of the metric
     */
    public static Optional<ConfigDelta> compare(ComparedMetric metric, ConfigStats reference, ConfigStats other) {
        MetricStats base = statsOf(reference, metric.name());
        MetricStats them = statsOf(other, metric.name());
        if (base == null || them == null) {
            return Optional.empty();
        }
        double difference = them.getMean() - base.getMean();
        Double relative = base.getMean() == 0.0 ? null : difference / Math.abs(base.getMean());
        OptionalDouble p = WelchTest.pValue(base, them);
        Double pValue = p.isPresent() ? p.getAsDouble() : null;
        return Optional.of(new ConfigDelta(metric, base.getUnit(), reference.getConfigKey(), other.getConfigKey(),
                base.getCount(), them.getCount(), base.getMean(), them.getMean(), difference, relative, pValue,
                pValue != null && pValue < SIGNIFICANCE_LEVEL));
    }

    /** The statistics of {@code metric} in {@code config}, or null when it has no value of it. */
    private static MetricStats statsOf(ConfigStats config, String metric) {
        MetricStats stats = config.getMetrics().get(metric);
        return stats == null || stats.getCount() == 0 ? null : stats;
    }

    /** Whether {@code a} ranks before {@code b} by mean: the better mean, then more samples, then the smaller key. */
    private static boolean beats(ComparedMetric metric, BestConfig a, BestConfig b) {
        if (a.mean() != b.mean()) {
            return metric.isBetter(a.mean(), b.mean());
        }
        if (a.stats().getCount() != b.stats().getCount()) {
            return a.stats().getCount() > b.stats().getCount();
        }
        return a.configKey().compareTo(b.configKey()) < 0;
    }

    private static ConfigStats chooseBaseline(List<ConfigStats> configs, List<ComparedMetric> metrics) {
        List<ConfigStats> candidates = configs.stream()
                .filter(config -> metrics.stream().anyMatch(metric -> statsOf(config, metric.name()) != null))
                .toList();
        return candidates.stream()
                .filter(config -> config.getConfigKey().isEmpty())
                .findFirst()
                .or(() -> candidates.stream().min(Comparator
                        .comparingLong((ConfigStats config) -> config.getRuns() - config.getFailedRuns()).reversed()
                        .thenComparing(ConfigStats::getConfigKey)))
                .orElse(null);
    }
}
