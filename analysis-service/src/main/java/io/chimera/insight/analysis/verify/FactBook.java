package io.chimera.insight.analysis.verify;

import io.chimera.insight.analysis.prompt.FactFormat;
import io.chimera.insight.analysis.prompt.Labels;
import io.chimera.insight.events.ChangeSegment;
import io.chimera.insight.events.ColdStart;
import io.chimera.insight.events.ColdStartStatus;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelChanges;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.events.PerformanceChange;
import io.chimera.insight.platform.change.PerformanceChanges;
import io.chimera.insight.platform.metrics.CanonicalMetric;
import io.chimera.insight.platform.stats.BestConfig;
import io.chimera.insight.platform.stats.ComparedMetric;
import io.chimera.insight.platform.stats.ConfigComparison;
import io.chimera.insight.platform.stats.FigureFormat;
import io.chimera.insight.platform.stats.KeyInteraction;
import io.chimera.insight.platform.stats.KeyInteractions;
import io.chimera.insight.platform.stats.LevelStats;
import io.chimera.insight.platform.stats.MeanInterval;
import io.chimera.insight.platform.stats.ModelFigures;
import io.chimera.insight.platform.stats.ParameterEffect;
import io.chimera.insight.platform.stats.ParameterEffects;
import io.chimera.insight.platform.stats.Recommendation;
import io.chimera.insight.platform.stats.Recommendations;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every number a narrative about one model may legitimately contain, and the rules for matching.
 *
 * <p>Facts: run, failed, successful, summary-record, file, configuration and metric counts; every
 * statistic (count, mean, stddev, min, p50, p90, p95, p99, max) of every metric, for the model and
 * for each configuration; configuration runs and failures; numeric configuration values
 * ({@code num_ctx=2048}) and the digit groups in configuration values and the model name
 * ({@code 270} of {@code gemma3:270m}). And what the prompt adds from the platform's statistics
 * ({@link ParameterEffects}, {@link ConfigComparison}, the aggregate's {@code coldStart}): cold, warm
 * and unclassified run counts, the cold share of successful runs, a cold run's median load and TTFT's
 * median cold and warm; per key and metric the number of tests, Holm-adjusted p-value, η² (also as
 * a percentage of variance), spread (a percentage), and per level n, mean and 95 % interval bounds;
 * the interval bounds of replicated configurations; the significance level (0.05), the confidence
 * level (95 %) and the runs a best configuration needs (2). The interactions ({@link KeyInteractions}):
 * pair, test and flag counts, and per flagged pair its Holm-adjusted p, η² (also in %) and the largest
 * deviation from the additive fit (in %, with its runs). The recommendations ({@link Recommendations}):
 * each one's n and interval bounds, a named configuration's mean and runs over the runs it is judged on,
 * the count of replicated configurations, a key's runs and number of levels. And the performance
 * changes the prompt lists ({@code ModelMetrics.changes}, see {@link #addChanges}).
 *
 * <p>A plain number matches a fact it rounds to, or a millisecond fact converted to seconds
 * ({@code 4,633 ms → 4.63 s}) and a second fact converted to milliseconds.
 *
 * <p>A percentage matches a fact measured in % as it is (never a count: "12%" is not "12 runs"), a
 * failure or success rate ({@code failed ÷ runs × 100}), or a relative difference {@code |a − b| ÷ |b| × 100} of two facts of
 * the same metric that are comparable: the same statistic in two scopes (mean tokens/s of two
 * configurations, or of a configuration and the whole model; TTFT's p50 cold against warm), two
 * statistics in the same scope (p99 against p50 of the model's TTFT), or the means of two levels of
 * one key. A ratio ({@code 1.5x}) matches only {@code a ÷ b} of such
 * a pair. Rounding applies as everywhere: a bare "2x" matches any ratio from 1.5 to 2.5.
 * Pairs are computed from the exact values and from the values as the prompt wrote them
 * ({@link FactFormat}), since the LLM can only compute from the latter. Comparing any two facts of a
 * metric would match almost any percentage, hence the restriction.
 */
final class FactBook {

    private static final Pattern DIGIT_GROUP = Pattern.compile("\\d+(?:\\.\\d+)?");
    private static final String MODEL_SCOPE = "model";

    private final List<Fact> plain = new ArrayList<>();
    private final List<Fact> rates = new ArrayList<>();
    /** Comparable facts, keyed "metric.statistic" (across scopes) and "scope/metric" (across statistics). */
    private final Map<String, List<Fact>> comparable = new LinkedHashMap<>();

    /** The unit conversions a fact allows. */
    private enum Unit { NONE, MILLISECONDS, SECONDS, PERCENT }

    /** The statistics of a metric that are facts, in the order they are added. */
    private static final String[] STATISTICS = {"mean", "stddev", "min", "p50", "p90", "p95", "p99", "max"};

    /**
     * A fact and what it is. The label is put together only when a number matches the fact (a
     * narrative cites a few dozen of a model's thousands of facts): it is {@code scope}, then a space
     * and {@code detail} when there is one.
     *
     * @param shown the value as the prompt wrote it ({@link FactFormat}), precomputed because pair
     *              matching visits every pair of a group
     */
    private record Fact(double value, double shown, String scope, String detail, Unit unit) {
        Fact(double value, String label, Unit unit) {
            this(value, label, null, unit);
        }

        Fact(double value, String scope, String detail, Unit unit) {
            this(value, FactFormat.displayed(value), scope, detail, unit);
        }

        String label() {
            return detail == null ? scope : scope + " " + detail;
        }
    }

    /**
     * Per metric name, its statistics' labels ("tokens_per_s.mean" …) and comparable groups (one per
     * statistic, across scopes), so that a configuration's statistics add facts without building those
     * names and looking the groups up again for every configuration.
     */
    private record MetricFacts(String[] labels, List<List<Fact>> acrossScopes) {
        static MetricFacts of(String metric) {
            String[] labels = new String[STATISTICS.length];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = metric + "." + STATISTICS[i];
            }
            return new MetricFacts(labels, new ArrayList<>(STATISTICS.length));
        }
    }

    private final Map<String, MetricFacts> byMetric = new HashMap<>();

    static FactBook of(ModelMetrics metrics, ModelFigures figures) {
        FactBook book = new FactBook();
        book.addModel(metrics, figures);
        return book;
    }

    /** The fact the number matches, described, or empty when it matches none. */
    Optional<String> explain(WrittenNumber number) {
        return switch (number.kind()) {
            case PLAIN -> matchPlain(number);
            case PERCENT -> matchPercentFact(number).or(() -> matchRate(number)).or(() -> matchPairs(number, true));
            case RATIO -> matchPairs(number, false);
        };
    }

    private Optional<String> matchPlain(WrittenNumber number) {
        for (Fact fact : plain) {
            if (number.matches(fact.value())) {
                return Optional.of(fact.label());
            }
            if (fact.unit() == Unit.MILLISECONDS && number.matches(fact.value() / 1000)) {
                return Optional.of(fact.label() + " in seconds");
            }
            if (fact.unit() == Unit.SECONDS && number.matches(fact.value() * 1000)) {
                return Optional.of(fact.label() + " in milliseconds");
            }
        }
        return Optional.empty();
    }

    /** "12%" must not match a count of 12: only facts measured in percent match as they are. */
    private Optional<String> matchPercentFact(WrittenNumber number) {
        return plain.stream()
                .filter(fact -> fact.unit() == Unit.PERCENT && number.matches(fact.value()))
                .map(Fact::label)
                .findFirst();
    }

    private Optional<String> matchRate(WrittenNumber number) {
        return rates.stream().filter(rate -> number.matches(rate.value())).map(Fact::label).findFirst();
    }

    private Optional<String> matchPairs(WrittenNumber number, boolean percentDifference) {
        for (List<Fact> group : comparable.values()) {
            for (Fact a : group) {
                for (Fact b : group) {
                    if (a == b) {
                        continue;
                    }
                    if (pairMatches(number, a.value(), b.value(), percentDifference)
                            || pairMatches(number, a.shown(), b.shown(), percentDifference)) {
                        String relation = percentDifference ? " relative to " : " divided by ";
                        return Optional.of(a.label() + relation + b.label());
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean pairMatches(WrittenNumber number, double a, double b, boolean percentDifference) {
        if (b == 0 || !Double.isFinite(a) || !Double.isFinite(b)) {
            return false;
        }
        double computed = percentDifference ? Math.abs(a - b) / Math.abs(b) * 100 : a / b;
        return number.matches(computed);
    }

    private void addModel(ModelMetrics metrics, ModelFigures figures) {
        addCount(metrics.getRuns(), "runs");
        addCount(metrics.getFailedRuns(), "failed runs");
        addCount(metrics.getRuns() - metrics.getFailedRuns(), "successful runs");
        addCount(metrics.getSummaryRecords(), "summary records");
        addCount(metrics.getFiles().size(), "source files");
        addCount(metrics.getConfigs().size(), "configurations");
        addCount(metrics.getMetrics().size(), "metrics");
        addRates(metrics.getRuns(), metrics.getFailedRuns(), MODEL_SCOPE);
        if (Labels.isSafe(metrics.getModel())) {
            addDigitGroups(metrics.getModel(), "model name");
        }
        comparable("runs").add(new Fact(metrics.getRuns(), "runs", Unit.NONE));
        metrics.getMetrics().forEach((name, stats) -> addStats(MODEL_SCOPE, name, stats));
        for (ConfigStats config : metrics.getConfigs()) {
            addConfig(config);
        }
        addColdStart(metrics);
        addEffects(figures.effects());
        addBest(ConfigComparison.of(metrics));
        addInteractions(figures.interactions());
        addRecommendations(metrics, figures);
        addChanges(metrics.getChanges());
    }

    /**
     * The performance changes the prompt lists: per change both sides' n, mean and interval bounds
     * (the two means comparable, so "12 % lower" and "1.14x" match), the change in per cent (signed
     * and as its size), the p-value, and the digit groups of the first run's time and file; the
     * series watched.
     */
    private void addChanges(ModelChanges changes) {
        if (changes == null) {
            return;
        }
        addCount(changes.getWatchedSeries(), "series watched for changes");
        for (PerformanceChange change : PerformanceChanges.standing(changes)) {
            String scope = "change of " + change.getMetric() + " [" + change.getConfigKey() + "] from "
                    + change.getFirstRunAt();
            Unit unit = unitOf(change.getMetric(), change.getUnit());
            addSegment(scope + " before", change.getBefore(), unit);
            addSegment(scope + " after", change.getAfter(), unit);
            plain.add(new Fact(change.getChangePercent(), scope + " change", Unit.PERCENT));
            plain.add(new Fact(Math.abs(change.getChangePercent()), scope + " change size", Unit.PERCENT));
            plain.add(new Fact(change.getPValue(), scope + " p-value", Unit.NONE));
            addDigitGroups(change.getFirstRunAt().toString(), scope + " first run time");
            if (Labels.isSafe(change.getFirstRunPath())) {
                addDigitGroups(change.getFirstRunPath(), scope + " first run file");
            }
        }
    }

    private void addSegment(String label, ChangeSegment segment, Unit unit) {
        addCount(segment.getN(), label + " n");
        Fact mean = new Fact(segment.getMean(), label + " mean", unit);
        plain.add(mean);
        comparable(label.substring(0, label.lastIndexOf(' '))).add(mean);
        addOptional(segment.getCiLow(), label + " CI low", unit);
        addOptional(segment.getCiHigh(), label + " CI high", unit);
    }

    /** What the prompt's interaction block says: pair and test counts, and per flagged pair p, η² and its cell. */
    private void addInteractions(KeyInteractions interactions) {
        if (interactions.interactions().isEmpty()) {
            return;
        }
        addCount(interactions.interactions().size(), "key pairs");
        addCount(interactions.tests(), "interaction tests");
        addCount(interactions.interactions().stream().filter(KeyInteraction::flagged).count(), "flagged interactions");
        addCount(interactions.interactions().size() - interactions.tests(), "untestable key pairs");
        for (KeyInteraction interaction : interactions.interactions()) {
            if (!interaction.flagged() || !Labels.isSafe(interaction.keyA()) || !Labels.isSafe(interaction.keyB())) {
                continue;
            }
            String scope = "interaction of " + interaction.keyA() + " and " + interaction.keyB() + " on "
                    + interaction.metric().name();
            addOptional(interaction.adjustedP(), scope + " Holm-adjusted p", Unit.NONE);
            addOptional(interaction.etaSquared(), scope + " eta squared", Unit.NONE);
            if (interaction.etaSquared() != null) {
                plain.add(new Fact(interaction.etaSquared() * 100, scope + " share of variance", Unit.PERCENT));
            }
            if (interaction.largestDeviationPercent() != null) {
                plain.add(new Fact(Math.abs(interaction.largestDeviationPercent()), scope + " largest deviation",
                        Unit.PERCENT));
                addCount(interaction.largestDeviationCount(), scope + " largest deviation's runs");
            }
        }
    }

    /**
     * The numbers of the recommendations' sentences the prompt carries: each one's n and interval, a named
     * configuration's mean over the runs it is judged on (warm TTFT may be no configuration statistic) and
     * the counts of replicated and single-run configurations; a key's runs and levels.
     */
    private void addRecommendations(ModelMetrics metrics, ModelFigures figures) {
        for (Recommendation recommendation : figures.recommendations().all()) {
            String scope = "recommendation " + recommendation.setting() + " for " + recommendation.metric().name();
            addCount(recommendation.n(), scope + " n");
            addOptional(recommendation.ciLow(), scope + " CI low", unitOf(recommendation.metric().name(), ""));
            addOptional(recommendation.ciHigh(), scope + " CI high", unitOf(recommendation.metric().name(), ""));
        }
        for (ComparedMetric metric : List.of(ComparedMetric.TOKENS_PER_S, ComparedMetric.TTFT_MS)) {
            long replicated = Recommendations.replicatedConfigurations(metrics, metric);
            addCount(replicated, "replicated configurations for " + metric.name());
            Recommendations.bestConfiguration(metrics, metric).ifPresent(best -> {
                plain.add(new Fact(best.mean(), "recommended configuration's mean " + metric.name(),
                        unitOf(metric.name(), best.unit())));
                addCount(best.stats().getCount(), "recommended configuration's runs for " + metric.name());
            });
        }
        for (ParameterEffect effect : figures.effects().effects()) {
            addCount(effect.levels().stream().mapToLong(LevelStats::count).sum(),
                    "runs of " + effect.key() + " for " + effect.metric().name());
            addCount(effect.levels().size(), "levels of " + effect.key());
        }
    }

    private void addColdStart(ModelMetrics metrics) {
        ColdStart cold = metrics.getColdStart();
        if (cold == null || cold.getStatus() != ColdStartStatus.CLASSIFIED) {
            return;
        }
        addCount(cold.getColdRuns(), "cold runs");
        addCount(cold.getWarmRuns(), "warm runs");
        addCount(cold.getUnclassifiedRuns(), "runs without a load duration");
        long successful = metrics.getRuns() - metrics.getFailedRuns();
        if (successful > 0) {
            rates.add(new Fact(100.0 * cold.getColdRuns() / successful, "cold share of successful runs", Unit.NONE));
            rates.add(new Fact(100.0 * cold.getWarmRuns() / successful, "warm share of successful runs", Unit.NONE));
        }
        MetricStats load = cold.getCold().get(CanonicalMetric.LOAD_DURATION_MS.canonicalName());
        if (load != null && load.getCount() > 0) {
            plain.add(new Fact(load.getP50(), "cold runs' median load", Unit.MILLISECONDS));
        }
        String ttft = CanonicalMetric.TTFT_MS.canonicalName();
        addSideMedian("cold", cold.getCold().get(ttft), ttft);
        addSideMedian("warm", cold.getWarm().get(ttft), ttft);
    }

    /** TTFT's p50 of the cold or warm runs: comparable with the other p50s of TTFT ("18x slower cold"). */
    private void addSideMedian(String side, MetricStats stats, String metric) {
        if (stats == null || stats.getCount() == 0) {
            return;
        }
        addCount(stats.getCount(), side + " " + metric + ".count");
        Fact fact = new Fact(stats.getP50(), side + " runs " + metric + ".p50", Unit.MILLISECONDS);
        plain.add(fact);
        comparable(metric + ".p50").add(fact);
    }

    private void addEffects(ParameterEffects effects) {
        if (effects.effects().isEmpty()) {
            return;
        }
        addCount(effects.effects().stream().filter(e -> e.pValue() != null).count(), "tests of the effects");
        plain.add(new Fact(ParameterEffects.SIGNIFICANCE_LEVEL, "significance level", Unit.NONE));
        // Sentences the prompt quotes (recommendations, interactions) print a tiny p-value as "< 0.001".
        plain.add(new Fact(FigureFormat.SMALLEST_P, "smallest p-value printed", Unit.NONE));
        plain.add(new Fact(MeanInterval.LEVEL * 100, "confidence level", Unit.PERCENT));
        for (ParameterEffect effect : effects.effects()) {
            if (!Labels.isSafe(effect.key())) {
                continue; // withheld from the prompt
            }
            String scope = "effect of " + effect.key() + " on " + effect.metric().name();
            Unit unit = unitOf(effect.metric().name(), "");
            addOptional(effect.adjustedP(), scope + " Holm-adjusted p", Unit.NONE);
            addOptional(effect.etaSquared(), scope + " eta squared", Unit.NONE);
            if (effect.etaSquared() != null) {
                plain.add(new Fact(effect.etaSquared() * 100, scope + " share of variance", Unit.PERCENT));
            }
            addOptional(effect.spreadPercent(), scope + " spread", Unit.PERCENT);
            for (LevelStats level : effect.levels()) {
                String label = scope + " level " + level.level();
                addCount(level.count(), label + " n");
                Fact mean = new Fact(level.mean(), label + " mean", unit);
                plain.add(mean);
                comparable(scope).add(mean);
                addOptional(level.ciLow(), label + " CI low", unit);
                addOptional(level.ciHigh(), label + " CI high", unit);
            }
        }
    }

    /** The best replicated configuration per headline metric, with the interval the prompt shows. */
    private void addBest(ConfigComparison comparison) {
        addCount(ConfigComparison.MIN_RUNS_FOR_BEST, "runs a best configuration needs");
        for (ComparedMetric metric : List.of(ComparedMetric.TOKENS_PER_S, ComparedMetric.TTFT_MS)) {
            Optional<BestConfig> best = comparison.bestReplicated(metric);
            if (best.isPresent() && best.get().interval().isPresent()) {
                String label = "best config for " + metric.name();
                Unit unit = unitOf(metric.name(), best.get().unit());
                plain.add(new Fact(best.get().interval().get().low(), label + " CI low", unit));
                plain.add(new Fact(best.get().interval().get().high(), label + " CI high", unit));
            }
        }
    }

    private void addOptional(Double value, String label, Unit unit) {
        if (value != null) {
            plain.add(new Fact(value, label, unit));
        }
    }

    private void addConfig(ConfigStats config) {
        String scope = "config " + config.getConfigKey();
        addCount(config.getRuns(), scope + " runs");
        addCount(config.getFailedRuns(), scope + " failed runs");
        addCount(config.getRuns() - config.getFailedRuns(), scope + " successful runs");
        addRates(config.getRuns(), config.getFailedRuns(), scope);
        comparable("runs").add(new Fact(config.getRuns(), scope + " runs", Unit.NONE));
        config.getConfig().forEach((key, value) -> addConfigValue(scope + " " + key, key, value));
        config.getMetrics().forEach((name, stats) -> addStats(scope, name, stats));
        String tokensPerS = CanonicalMetric.TOKENS_PER_S.canonicalName();
        MetricStats tokens = config.getMetrics().get(tokensPerS);
        if (tokens != null) {
            MeanInterval.of(tokens.getCount(), tokens.getMean(), tokens.getStddev() * tokens.getStddev())
                    .ifPresent(ci -> {
                        plain.add(new Fact(ci.low(), scope + " " + tokensPerS + " CI low", Unit.NONE));
                        plain.add(new Fact(ci.high(), scope + " " + tokensPerS + " CI high", Unit.NONE));
                    });
        }
    }

    private void addStats(String scope, String metric, MetricStats stats) {
        plain.add(new Fact(stats.getCount(), scope, metric + ".count", Unit.NONE));
        if (stats.getCount() == 0) {
            return;
        }
        Unit unit = unitOf(metric, stats.getUnit());
        double[] values = {stats.getMean(), stats.getStddev(), stats.getMin(), stats.getP50(), stats.getP90(),
                stats.getP95(), stats.getP99(), stats.getMax()};
        MetricFacts named = byMetric.computeIfAbsent(metric, MetricFacts::of);
        List<Fact> inScope = null;
        for (int i = 0; i < STATISTICS.length; i++) {
            if (named.acrossScopes().size() == i) {
                // The metric's first scope: its groups are made in the order its statistics come.
                named.acrossScopes().add(comparable(named.labels()[i]));
            }
            Fact fact = new Fact(values[i], scope, named.labels()[i], unit);
            plain.add(fact);
            named.acrossScopes().get(i).add(fact);
            if (inScope == null) {
                inScope = comparable(scope + "/" + metric);
            }
            inScope.add(fact);
        }
    }

    private static Unit unitOf(String metric, String unit) {
        return switch (unit) {
            case "ms" -> Unit.MILLISECONDS;
            case "s" -> Unit.SECONDS;
            case "%", "percent" -> Unit.PERCENT;
            default -> unit.isEmpty() && metric.endsWith("_ms") ? Unit.MILLISECONDS
                    : unit.isEmpty() && (metric.endsWith("_pct") || metric.endsWith("_percent")) ? Unit.PERCENT
                    : Unit.NONE;
        };
    }

    private void addConfigValue(String label, String key, String value) {
        if (!Labels.isSafe(key) || !Labels.isSafe(value)) {
            return; // withheld from the prompt as free text, so no fact a narrative could cite
        }
        try {
            plain.add(new Fact(new BigDecimal(value.strip()).doubleValue(), label, Unit.NONE));
        } catch (NumberFormatException notANumber) {
            addDigitGroups(value, label);
        }
    }

    /** Digit groups inside names and labels ("gemma3:270m" → 3, 270), which narratives repeat. */
    private void addDigitGroups(String text, String label) {
        Matcher matcher = DIGIT_GROUP.matcher(text);
        while (matcher.find()) {
            plain.add(new Fact(Double.parseDouble(matcher.group()), label, Unit.NONE));
        }
    }

    private void addCount(long count, String label) {
        plain.add(new Fact(count, label, Unit.NONE));
    }

    private void addRates(long runs, long failed, String scope) {
        if (runs > 0) {
            rates.add(new Fact(100.0 * failed / runs, scope + " failure rate", Unit.NONE));
            rates.add(new Fact(100.0 * (runs - failed) / runs, scope + " success rate", Unit.NONE));
        }
    }

    private List<Fact> comparable(String key) {
        return comparable.computeIfAbsent(key, k -> new ArrayList<>());
    }
}
