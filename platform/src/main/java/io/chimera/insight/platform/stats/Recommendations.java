package io.chimera.insight.platform.stats;

import static io.chimera.insight.platform.stats.FigureFormat.format;

import io.chimera.insight.events.ColdStart;
import io.chimera.insight.events.ColdStartStatus;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.metrics.Better;
import io.chimera.insight.platform.metrics.CanonicalMetric;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * What to run, from a model's aggregate alone, never claiming more than its runs show. Pure: a
 * function of the {@code ModelMetrics}, so the report, its JSON and the {@code reports} event say the same.
 *
 * <h2>Rules, per headline metric (tokens/s, then TTFT)</h2>
 * <ol>
 *   <li><b>A configuration</b> is named only from configurations with {@value ConfigComparison#MIN_RUNS_FOR_BEST}
 *       or more runs of the metric, and then by the worse end of its 95 % interval of the mean
 *       ({@link ConfigComparison#bestReplicated}: the highest lower bound for tokens/s, the lowest upper
 *       bound for TTFT), so a lucky single run never wins; and only when two or more configurations
 *       were measured (one is no choice).</li>
 *   <li><b>Otherwise, from the per-parameter effects</b> ({@link ParameterEffects}), key by key in their
 *       rank: a key whose levels differ significantly (Holm-adjusted p below
 *       {@value ParameterEffects#SIGNIFICANCE_LEVEL}) gets its best level, the one whose interval ends best on
 *       its worse side, and with it every level whose interval overlaps the best one's, as "≈ equal" (a range
 *       when they are neighbours in the key's level order, a set otherwise); levels with one run have no
 *       interval and are not compared. A key tested and not significant has "no measurable effect", with
 *       its adjusted p. A key that could not be tested says why. A key in a flagged interaction
 *       ({@link KeyInteractions}) says on which other key its effect depends, so a pooled level is not read as
 *       holding at every level of the other.</li>
 *   <li><b>Keep the model warm</b> when the aggregate found cold starts: how many of the successful runs paid
 *       a model load, their median load, median TTFT cold against warm.</li>
 * </ol>
 *
 * <p>TTFT is judged over the warm runs when the aggregate tells cold from warm (as the effects are), so a
 * configuration whose first run loaded the model is not ranked on that load; otherwise over all runs,
 * and the sentence says so. A key's levels are pooled over the other keys, so a level recommendation is
 * an association, never worded as a cause.
 */
public final class Recommendations {

    /** The setting of a {@link RecommendationKind#WARMUP} recommendation. */
    public static final String KEEP_WARM = "keep the model warm";

    private static final String LOAD_MS = CanonicalMetric.LOAD_DURATION_MS.canonicalName();
    private static final List<ComparedMetric> METRICS = List.of(ComparedMetric.TOKENS_PER_S, ComparedMetric.TTFT_MS);

    private final List<Recommendation> all;

    private Recommendations(List<Recommendation> all) {
        this.all = List.copyOf(all);
    }

    public static Recommendations of(ModelMetrics metrics) {
        return of(metrics, () -> ParameterEffects.of(metrics), () -> KeyInteractions.of(metrics));
    }

    /** {@link #of(ModelMetrics)} with the effects and interactions of {@code metrics} already worked out. */
    public static Recommendations of(ModelMetrics metrics, ParameterEffects effects, KeyInteractions interactions) {
        return of(metrics, () -> effects, () -> interactions);
    }

    /** The effects and interactions are needed only when a metric has no configuration to name. */
    private static Recommendations of(ModelMetrics metrics, Supplier<ParameterEffects> effectsOf,
                                      Supplier<KeyInteractions> interactionsOf) {
        List<Recommendation> all = new ArrayList<>();
        List<ParameterEffect> effects = null;
        List<ConfoundedKeys> confounded = null;
        List<KeyInteraction> interactions = null;
        for (ComparedMetric metric : METRICS) {
            // The judged runs' view made once per metric: the rule, the count of replicated configurations and
            // the reason each made it again (a record per configuration each time).
            ModelMetrics judged = judgedRuns(metrics, metric);
            Optional<BestConfig> best = bestOfJudged(judged, metric);
            if (best.isPresent()) {
                all.add(configuration(metrics, judged, metric, best.get()));
                continue;
            }
            if (effects == null) {
                effects = effectsOf.get().effects();
                KeyInteractions pairs = interactionsOf.get();
                confounded = pairs.confounded();
                interactions = pairs.interactions();
            }
            for (ParameterEffect effect : effects) {
                if (effect.metric().equals(metric)) {
                    Recommendation recommendation = parameter(effect);
                    all.add(withInteractions(withConfounding(recommendation, effect, confounded), effect,
                            interactions));
                }
            }
        }
        warmUp(metrics).ifPresent(all::add);
        return new Recommendations(all);
    }

    /** Every recommendation: per metric (tokens/s, TTFT) a configuration or the keys by rank, then the warm-up. */
    public List<Recommendation> all() {
        return all;
    }

    /**
     * The one to lead with: a configuration for tokens/s, else any configuration, else a recommended level
     * of a significant key, else the warm-up, else the first (a key without measurable effect); empty when
     * there is nothing to recommend.
     */
    public Optional<Recommendation> headline() {
        return first(r -> r.kind() == RecommendationKind.CONFIGURATION
                        && r.metric().equals(ComparedMetric.TOKENS_PER_S))
                .or(() -> first(r -> r.kind() == RecommendationKind.CONFIGURATION))
                .or(() -> first(r -> r.kind() == RecommendationKind.PARAMETER && r.ciLow() != null))
                .or(() -> first(r -> r.kind() == RecommendationKind.WARMUP))
                .or(() -> all.stream().findFirst());
    }

    private Optional<Recommendation> first(Predicate<Recommendation> test) {
        return all.stream().filter(test).findFirst();
    }

    /**
     * The configuration to name for {@code metric} (rule 1 above), over the runs the metric is judged on;
     * empty when fewer than two configurations were measured or none has two runs.
     */
    public static Optional<BestConfig> bestConfiguration(ModelMetrics metrics, ComparedMetric metric) {
        return bestOfJudged(judgedRuns(metrics, metric), metric);
    }

    /** {@link #bestConfiguration} of the view {@link #judgedRuns} gives. */
    private static Optional<BestConfig> bestOfJudged(ModelMetrics judged, ComparedMetric metric) {
        return measured(judged, metric, 1) < 2 ? Optional.empty()
                : ConfigComparison.of(judged).bestReplicated(metric);
    }

    /** Configurations with 2 or more runs of {@code metric}, over the runs it is judged on: the ones ever ranked. */
    public static long replicatedConfigurations(ModelMetrics metrics, ComparedMetric metric) {
        return measured(judgedRuns(metrics, metric), metric, ConfigComparison.MIN_RUNS_FOR_BEST);
    }

    /** Which runs {@code metric} is judged on, in words: "warm runs" or "all successful runs" (with why). */
    public static String population(ModelMetrics metrics, ComparedMetric metric) {
        return MetricPopulation.of(metrics).stream().filter(p -> p.metric().equals(metric)).findFirst()
                .map(MetricPopulation::description).orElse("all successful runs");
    }

    private static Recommendation configuration(ModelMetrics metrics, ModelMetrics judged, ComparedMetric metric,
                                                BestConfig best) {
        long replicated = measured(judged, metric, ConfigComparison.MIN_RUNS_FOR_BEST);
        long single = measured(judged, metric, 1) - replicated;
        MeanInterval interval = best.interval().orElseThrow();
        String figures = String.format(Locale.ROOT, "%s (n = %d, 95 %% CI [%s, %s], mean %s %s)",
                FigureFormat.configLabel(best.configKey()), best.stats().getCount(), format(interval.low()),
                format(interval.high()), format(best.mean()), best.unit());
        String singles = single + " configuration" + (single == 1 ? "" : "s") + " with one run";
        String reason;
        if (replicated == 1) {
            // Nothing to rank it against: the single runs have no interval, so "best" would overclaim.
            reason = "The only replicated configuration for " + metricWords(metrics, metric) + ": " + figures
                    + (single == 1
                            ? "; the configuration with one run cannot be compared with it (no interval): run it again "
                                    + "to rank the two."
                            : "; the " + singles + " cannot be compared with it (no interval): run them again to "
                                    + "rank them.");
        } else {
            reason = String.format(Locale.ROOT,
                    "Best of the replicated configurations for %s: %s, ranked by the %s bound of the CI among the %d "
                            + "configurations with %d or more runs%s.",
                    metricWords(metrics, metric), figures, metric.better() == Better.LOWER ? "upper" : "lower",
                    replicated, ConfigComparison.MIN_RUNS_FOR_BEST, single == 0 ? "" : "; " + singles + " not ranked");
        }
        return new Recommendation(RecommendationKind.CONFIGURATION, FigureFormat.configLabel(best.configKey()), metric,
                reason, best.stats().getCount(), interval.low(), interval.high());
    }

    private static Recommendation parameter(ParameterEffect effect) {
        long runs = effect.levels().stream().mapToLong(LevelStats::count).sum();
        String metric = metricWords(effect);
        String over = "n = " + runs + " over " + effect.levels().size() + " levels";
        if (effect.pValue() == null) {
            return new Recommendation(RecommendationKind.PARAMETER, effect.key(), effect.metric(),
                    effect.key() + " could not be tested for " + metric + ": " + effect.testReason() + " (" + over
                            + "); run each level at least twice to test it.", runs, null, null);
        }
        String test = testWords(effect);
        if (!effect.significant()) {
            return new Recommendation(RecommendationKind.PARAMETER, effect.key(), effect.metric(),
                    effect.key() + " has no measurable effect on " + metric + " (" + test + "; " + over
                            + "): not distinguishable from noise with these runs; choose its level on other grounds.",
                    runs, null, null);
        }
        return bestLevels(effect, metric, test);
    }

    /**
     * A key whose levels go together with another key's in this sweep ({@link ConfoundedKeys}): whatever one
     * shows, the other shows too, so the sentence says neither is the cause more than the other.
     */
    private static Recommendation withConfounding(Recommendation recommendation, ParameterEffect effect,
                                                  List<ConfoundedKeys> confounded) {
        List<String> partners = confounded.stream()
                .filter(c -> c.metric().equals(effect.metric())
                        && (c.keyA().equals(effect.key()) || c.keyB().equals(effect.key())))
                .map(c -> c.keyA().equals(effect.key()) ? c.keyB() : c.keyA())
                .distinct().toList();
        if (partners.isEmpty()) {
            return recommendation;
        }
        String others = String.join(", ", partners);
        return new Recommendation(recommendation.kind(), recommendation.setting(), recommendation.metric(),
                recommendation.reason() + " Confounded with " + others + " in this sweep (their levels go together): "
                        + "what " + effect.key() + "'s levels show, " + others + "'s show too, and neither is "
                        + "more the cause than the other.",
                recommendation.n(), recommendation.ciLow(), recommendation.ciHigh());
    }

    /**
     * A key whose effect depends on another's ({@link KeyInteraction#flagged()} on the same metric): its levels
     * pooled over the other key average over a dependence, so the sentence says so, with the test and the cell
     * furthest from additivity and its runs (a deviation one run carries is that run's word).
     */
    private static Recommendation withInteractions(Recommendation recommendation, ParameterEffect effect,
                                                   List<KeyInteraction> interactions) {
        StringBuilder reason = new StringBuilder(recommendation.reason());
        for (KeyInteraction pair : interactions) {
            boolean involved = pair.keyA().equals(effect.key()) || pair.keyB().equals(effect.key());
            if (!involved || !pair.flagged() || !pair.metric().equals(effect.metric())) {
                continue;
            }
            String other = pair.keyA().equals(effect.key()) ? pair.keyB() : pair.keyA();
            String p = FigureFormat.pValue(pair.adjustedP());
            reason.append(" Its effect depends on ").append(other).append(" (interaction flagged: ")
                    .append(pair.test() == InteractionTest.TUKEY_NONADDITIVITY
                            ? "Tukey's test for non-additivity" : "two-way ANOVA")
                    .append(", ").append(ParameterEffects.CORRECTION).append("-adjusted p ")
                    .append(p.startsWith("<") ? p : "= " + p);
            if (pair.largestDeviationPercent() != null) {
                long runs = pair.largestDeviationCount() == null ? 0 : pair.largestDeviationCount();
                reason.append("; furthest from additive ").append(format(pair.largestDeviationPercent()))
                        .append(" % at ").append(pair.keyA()).append('=').append(pair.largestDeviationLevelA())
                        .append(", ").append(pair.keyB()).append('=').append(pair.largestDeviationLevelB())
                        .append(runs == 1 ? ", a single run: run that cell again before trusting it"
                                : ", n = " + runs);
            }
            reason.append("): compare ").append(effect.key()).append("'s levels within each level of ").append(other)
                    .append('.');
        }
        return reason.length() == recommendation.reason().length() ? recommendation
                : new Recommendation(recommendation.kind(), recommendation.setting(), recommendation.metric(),
                        reason.toString(), recommendation.n(), recommendation.ciLow(), recommendation.ciHigh());
    }

    /** A significant key: its best level and the levels whose interval overlaps the best one's. */
    private static Recommendation bestLevels(ParameterEffect effect, String metric, String test) {
        ComparedMetric compared = effect.metric();
        List<LevelStats> levels = effect.levels();
        List<LevelStats> bounded = levels.stream().filter(l -> l.ciLow() != null).toList();
        LevelStats best = null;
        for (LevelStats level : bounded.isEmpty() ? levels : bounded) {
            if (best == null || compared.isBetter(worseEnd(compared, level), worseEnd(compared, best))) {
                best = level;
            }
        }
        LevelStats winner = best;
        List<LevelStats> equal = winner.ciLow() == null ? List.of(winner) : bounded.stream()
                .filter(l -> l.ciLow() <= winner.ciHigh() && winner.ciLow() <= l.ciHigh()).toList();
        String setting = effect.key() + "=" + levelSet(levels, equal);
        StringBuilder reason = new StringBuilder();
        reason.append(effect.key()).append(' ').append(levelSet(levels, equal))
                .append(equal.size() > 1 ? " ≈ equal" : "").append(" for ").append(metric).append(": the best level, ")
                .append(winner.level()).append(", has mean ").append(format(winner.mean())).append(" (n = ")
                .append(winner.count());
        if (winner.ciLow() != null) {
            reason.append(", 95 % CI [").append(format(winner.ciLow())).append(", ").append(format(winner.ciHigh()))
                    .append("])");
            String others = equal.stream().filter(l -> l != winner).map(LevelStats::level)
                    .collect(Collectors.joining(", "));
            reason.append(switch (equal.size()) {
                case 1 -> " and no other level's CI overlaps it";
                case 2 -> " and the CI of " + others + " overlaps it";
                default -> " and the CIs of " + others + " overlap it";
            });
        } else {
            reason.append("; no level has 2 runs, so none has an interval to compare)");
        }
        List<String> unjudged = levels.stream().filter(l -> l.ciLow() == null && l != winner).map(LevelStats::level)
                .toList();
        if (winner.ciLow() != null && !unjudged.isEmpty()) {
            reason.append(" (one run, not compared: ").append(String.join(", ", unjudged)).append(')');
        }
        reason.append("; its levels differ beyond noise (").append(test)
                .append("), pooled over the other keys: an association, not a proven cause.");
        return new Recommendation(RecommendationKind.PARAMETER, setting, compared, reason.toString(), winner.count(),
                winner.ciLow(), winner.ciHigh());
    }

    /** The worse end of a level's interval for {@code metric}; its mean when it has none. */
    private static double worseEnd(ComparedMetric metric, LevelStats level) {
        if (level.ciLow() == null) {
            return level.mean();
        }
        return metric.better() == Better.LOWER ? level.ciHigh() : level.ciLow();
    }

    /** One level; neighbours in the key's level order as a range {@code a–b}; else a set {@code {a, c}}. */
    private static String levelSet(List<LevelStats> levels, List<LevelStats> chosen) {
        if (chosen.size() == 1) {
            return chosen.get(0).level();
        }
        int first = levels.indexOf(chosen.get(0));
        int last = levels.indexOf(chosen.get(chosen.size() - 1));
        if (last - first + 1 == chosen.size()) {
            return chosen.get(0).level() + "–" + chosen.get(chosen.size() - 1).level();
        }
        return chosen.stream().map(LevelStats::level).collect(Collectors.joining(", ", "{", "}"));
    }

    private static Optional<Recommendation> warmUp(ModelMetrics metrics) {
        ColdStart cold = metrics.getColdStart();
        long successful = metrics.getRuns() - metrics.getFailedRuns();
        if (!warmSplit(metrics) || cold.getColdRuns() == 0 || successful == 0) {
            return Optional.empty();
        }
        StringBuilder reason = new StringBuilder("Keep the model warm: ").append(cold.getColdRuns()).append(" of ")
                .append(successful).append(" successful runs paid a model load");
        MetricStats load = present(cold.getCold().get(LOAD_MS));
        if (load != null) {
            reason.append(" (median load ").append(format(load.getP50())).append(" ms)");
        }
        MetricStats coldTtft = present(cold.getCold().get(ComparedMetric.TTFT_MS.name()));
        MetricStats warmTtft = present(cold.getWarm().get(ComparedMetric.TTFT_MS.name()));
        if (coldTtft != null && warmTtft != null) {
            reason.append("; median TTFT ").append(format(coldTtft.getP50())).append(" ms cold (n = ")
                    .append(coldTtft.getCount()).append(") against ").append(format(warmTtft.getP50()))
                    .append(" ms warm (n = ").append(warmTtft.getCount()).append(')');
        }
        reason.append(". Send a warm-up request before measuring and after every change that reloads the model.");
        return Optional.of(new Recommendation(RecommendationKind.WARMUP, KEEP_WARM, ComparedMetric.TTFT_MS,
                reason.toString(), cold.getColdRuns(), null, null));
    }

    private static MetricStats present(MetricStats stats) {
        return stats == null || stats.getCount() == 0 ? null : stats;
    }

    private static boolean warmSplit(ModelMetrics metrics) {
        ColdStart cold = metrics.getColdStart();
        return cold != null && cold.getStatus() == ColdStartStatus.CLASSIFIED;
    }

    /**
     * The aggregate with each configuration's TTFT over its warm runs, when TTFT is judged on those (the
     * aggregate tells cold from warm); otherwise {@code metrics} itself. The report's top table ranks on it too.
     */
    public static ModelMetrics judgedRuns(ModelMetrics metrics, ComparedMetric metric) {
        if (!metric.equals(ComparedMetric.TTFT_MS) || !warmSplit(metrics)) {
            return metrics;
        }
        List<ConfigStats> warm = metrics.getConfigs().stream()
                .map(config -> {
                    ConfigStats judged = sharing(config, new ConfigStats());
                    judged.setMetrics(config.getWarmMetrics());
                    return judged;
                })
                .toList();
        ModelMetrics judged = sharing(metrics, new ModelMetrics());
        judged.setConfigs(warm);
        return judged;
    }

    /**
     * {@code empty} filled with {@code record}'s field values themselves, not copies: Avro's
     * {@code newBuilder(record)} copies deeply, every configuration's statistics and sketches
     * included, which made this view (asked for several times per prompt, verification and report)
     * a large part of the analysis service's CPU. The view is only read.
     */
    private static <T extends SpecificRecordBase> T sharing(T record, T empty) {
        for (int field = 0; field < record.getSchema().getFields().size(); field++) {
            empty.put(field, record.get(field));
        }
        return empty;
    }

    /** Configurations with at least {@code runs} values of {@code metric}. */
    private static long measured(ModelMetrics metrics, ComparedMetric metric, long runs) {
        return metrics.getConfigs().stream()
                .map(config -> config.getMetrics().get(metric.name()))
                .filter(stats -> stats != null && stats.getCount() >= runs)
                .count();
    }

    private static String metricWords(ModelMetrics metrics, ComparedMetric metric) {
        return metricWords(metric, population(metrics, metric));
    }

    private static String metricWords(ParameterEffect effect) {
        return metricWords(effect.metric(), effect.population());
    }

    /** "tokens/s", "warm TTFT", or TTFT with the population it is over when cold starts are not excluded. */
    private static String metricWords(ComparedMetric metric, String population) {
        if (!metric.equals(ComparedMetric.TTFT_MS)) {
            return metric.equals(ComparedMetric.TOKENS_PER_S) ? "tokens/s" : metric.name();
        }
        return population.startsWith("warm") ? "warm TTFT" : "TTFT over " + population;
    }

    private static String testWords(ParameterEffect effect) {
        String test = effect.test() == EffectTest.WELCH_ANOVA ? "Welch's ANOVA" : "one-way ANOVA";
        String p = FigureFormat.pValue(effect.adjustedP());
        return test + ", " + ParameterEffects.CORRECTION + "-adjusted p " + (p.startsWith("<") ? p : "= " + p)
                + (effect.etaSquared() == null ? "" : ", η² = " + format(effect.etaSquared()));
    }
}
