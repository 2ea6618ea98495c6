package io.chimera.insight.platform.stats;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.sketch.SketchCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which configuration keys matter, from a model's aggregate: for each key with two or more levels,
 * per level n, mean, median and a 95 % confidence interval of tokens/s and of TTFT, pooled over the
 * other keys; whether the key's levels differ beyond noise; how much of the variance they explain;
 * the keys ranked by that share. Pure: a function of the {@code ModelMetrics} alone.
 *
 * <p><b>Which runs.</b> tokens/s over all successful runs; TTFT over the warm runs when the
 * aggregate tells cold from warm, otherwise over all runs, and the population says so
 * ({@link MetricPopulation}, shared with {@link KeyInteractions}).
 *
 * <p><b>Which test.</b> Fisher's one-way ANOVA when the levels' variances are within
 * {@value #VARIANCE_RATIO_LIMIT}× of each other (its pooled variance is then robust, the usual rule
 * of thumb), or when a level has a single run (no variance of its own: only the pooled one exists);
 * Welch's ANOVA when every level has a variance and they differ by more. Not tested without
 * within-level degrees of freedom or variation. Kruskal–Wallis needs the runs' ranks, which an
 * aggregate does not keep ({@link GroupMeansTest}).
 *
 * <p><b>Many tests.</b> Every p-value is corrected with Holm's method over all the tests of the
 * model (every key, both metrics; {@link HolmCorrection}); "significant" means adjusted p below
 * {@value #SIGNIFICANCE_LEVEL}. The effect size is η² = SSB / SST; the spread between the highest and
 * lowest level mean, in % of the overall mean, is given beside it.
 *
 * <p><b>Rank.</b> Per metric by η², highest first. Keys that split the runs into the same groups (each
 * level of one is exactly one level of the other: confounded, see {@link ConfoundedKeys}) have the same
 * η² by construction and cannot be told apart: they share the better rank ("1, 1, 3") and name each
 * other ({@link ParameterEffect#confoundedWith()}), rather than be ordered by name.
 *
 * <p>Levels are marginal: in an unbalanced sweep a key's levels also differ in their mix of the
 * other keys, so a difference is an association, not a proof of cause.
 */
public final class ParameterEffects {

    public static final double SIGNIFICANCE_LEVEL = 0.05;
    public static final double VARIANCE_RATIO_LIMIT = 4;
    public static final String CORRECTION = "Holm";

    /** The one-way ANOVA's reason, formatted once: formatting it per key was a sixth of the effects' CPU (JFR). */
    private static final String VARIANCES_WITHIN_LIMIT = String.format(java.util.Locale.ROOT,
            "level variances within %.0f-fold: one-way ANOVA", VARIANCE_RATIO_LIMIT);

    private static final String VARIANCES_BEYOND_LIMIT = String.format(java.util.Locale.ROOT,
            "-fold (> %.0f): Welch's ANOVA", VARIANCE_RATIO_LIMIT);

    private final List<ParameterEffect> effects;

    private ParameterEffects(List<ParameterEffect> effects) {
        this.effects = List.copyOf(effects);
    }

    /** Tokens/s and TTFT effects of every key of {@code metrics} with two or more levels. */
    public static ParameterEffects of(ModelMetrics metrics) {
        List<Draft> drafts = new ArrayList<>();
        Sketches sketches = new Sketches(2 * metrics.getConfigs().size());
        List<String> keys = ConfigKeyNames.of(metrics.getConfigs());
        for (MetricPopulation population : MetricPopulation.of(metrics)) {
            drafts.addAll(effects(metrics.getConfigs(), keys, population, sketches));
        }
        double[] pValues = drafts.stream().filter(d -> d.test != null).mapToDouble(d -> d.test.pValue()).toArray();
        double[] adjusted = HolmCorrection.adjust(pValues);
        List<ParameterEffect> ranked = new ArrayList<>();
        int tested = 0;
        for (Draft draft : drafts) {
            draft.adjustedP = draft.test == null ? null : adjusted[tested++];
        }
        for (ComparedMetric metric : List.of(ComparedMetric.TOKENS_PER_S, ComparedMetric.TTFT_MS)) {
            List<Draft> ofMetric = new ArrayList<>(drafts.stream().filter(d -> d.metric.equals(metric)).toList());
            ofMetric.sort(Comparator.comparing((Draft d) -> d.etaSquared == null ? 1.0 : -d.etaSquared)
                    .thenComparing(d -> d.key));
            // Confounded keys (the same partition of the runs: each level of one is one level of the other) have
            // the same eta² by construction; they share the better rank rather than be ordered by name.
            int[] ranks = new int[ofMetric.size()];
            for (int i = 0; i < ofMetric.size(); i++) {
                Draft draft = ofMetric.get(i);
                ranks[i] = i + 1;
                for (int j = 0; j < i; j++) {
                    if (ofMetric.get(j).partition.equals(draft.partition)) {
                        ranks[i] = ranks[j];
                        break;
                    }
                }
                List<String> twins = ofMetric.stream()
                        .filter(other -> other != draft && other.partition.equals(draft.partition))
                        .map(other -> other.key)
                        .toList();
                ranked.add(draft.toEffect(ranks[i], twins));
            }
        }
        return new ParameterEffects(ranked);
    }

    /** Tokens/s effects first, then TTFT; within each, by rank. */
    public List<ParameterEffect> effects() {
        return effects;
    }

    private static List<Draft> effects(List<ConfigStats> configs, List<String> keys, MetricPopulation population,
                                       Sketches sketches) {
        List<Draft> drafts = new ArrayList<>();
        LevelOrder levelOrder = new LevelOrder();
        // Each configuration's runs of this population looked up once, not once per key.
        MetricStats[] statsOf = new MetricStats[configs.size()];
        for (int c = 0; c < statsOf.length; c++) {
            statsOf[c] = population.stats(configs.get(c));
        }
        for (String key : keys) {
            // Gathered by hash and the levels sorted once: a sorted map compared them through the level order
            // at every insertion (the same order, as a level is equal only to itself).
            Map<String, List<MetricStats>> gathered = new HashMap<>();
            Map<String, Set<String>> configsByLevel = new HashMap<>();
            int without = 0;
            for (int c = 0; c < statsOf.length; c++) {
                ConfigStats config = configs.get(c);
                String level = config.getConfig().get(key);
                MetricStats stats = statsOf[c];
                if (level == null) {
                    without++;
                } else if (stats != null) {
                    gathered.computeIfAbsent(level, l -> new ArrayList<>()).add(stats);
                    configsByLevel.computeIfAbsent(level, l -> new HashSet<>()).add(config.getConfigKey());
                }
            }
            if (gathered.size() >= 2) {
                List<String> levels = new ArrayList<>(gathered.keySet());
                levels.sort(levelOrder);
                Map<String, List<MetricStats>> byLevel = new LinkedHashMap<>();
                levels.forEach(level -> byLevel.put(level, gathered.get(level)));
                Draft draft = draft(key, population.metric(), population.description(), byLevel, without, sketches);
                draft.partition = Set.copyOf(configsByLevel.values());
                drafts.add(draft);
            }
        }
        return drafts;
    }

    private static Draft draft(String key, ComparedMetric metric, String population,
                               Map<String, List<MetricStats>> byLevel, int without, Sketches sketches) {
        Draft draft = new Draft(key, metric, population, without);
        List<GroupSummary> groups = new ArrayList<>();
        byLevel.forEach((level, stats) -> {
            GroupSummary group = GroupSummary.pooled(stats.stream().map(GroupSummary::of).toList());
            groups.add(group);
            draft.levels.add(level(level, stats, group, sketches));
        });
        GroupSummary all = GroupSummary.pooled(groups);
        double ssb = 0;
        double ssw = 0;
        double lowest = Double.POSITIVE_INFINITY;
        double highest = Double.NEGATIVE_INFINITY;
        for (GroupSummary group : groups) {
            double delta = group.mean() - all.mean();
            ssb += group.count() * delta * delta;
            ssw += group.m2();
            lowest = Math.min(lowest, group.mean());
            highest = Math.max(highest, group.mean());
        }
        draft.etaSquared = ssb + ssw > 0 ? ssb / (ssb + ssw) : null;
        draft.spreadPercent = all.mean() != 0 ? (highest - lowest) / Math.abs(all.mean()) * 100 : null;
        chooseTest(draft, groups);
        return draft;
    }

    private static void chooseTest(Draft draft, List<GroupSummary> groups) {
        boolean everyLevelHasVariance = groups.stream().allMatch(g -> g.variance() > 0);
        if (everyLevelHasVariance) {
            double most = groups.stream().mapToDouble(GroupSummary::variance).max().orElseThrow();
            double least = groups.stream().mapToDouble(GroupSummary::variance).min().orElseThrow();
            if (most / least > VARIANCE_RATIO_LIMIT) {
                draft.kind = EffectTest.WELCH_ANOVA;
                draft.reason = "level variances differ " + FigureFormat.oneDecimal(most / least)
                        + VARIANCES_BEYOND_LIMIT;
                draft.test = GroupMeansTest.welchAnova(groups);
                return;
            }
        }
        draft.test = GroupMeansTest.oneWayAnova(groups);
        if (draft.test == null) {
            draft.kind = EffectTest.NOT_TESTED;
            draft.reason = "no repeated runs within levels, or no variation within them";
        } else {
            draft.kind = EffectTest.ONE_WAY_ANOVA;
            draft.reason = everyLevelHasVariance ? VARIANCES_WITHIN_LIMIT
                    : "a level without a variance of its own: one-way ANOVA on the pooled variance";
        }
    }

    private static LevelStats level(String level, List<MetricStats> stats, GroupSummary group, Sketches sketches) {
        Optional<MeanInterval> interval = MeanInterval.of(group.count(), group.mean(), group.variance());
        return new LevelStats(level, stats.size(), group.count(), group.mean(), median(stats, sketches),
                interval.map(MeanInterval::low).orElse(null), interval.map(MeanInterval::high).orElse(null));
    }

    /** The median of the merged sketches (a single configuration's own p50); null when a sketch is missing. */
    private static Double median(List<MetricStats> stats, Sketches sketches) {
        if (stats.size() == 1) {
            return stats.get(0).getP50();
        }
        DDSketch merged = null;
        for (MetricStats s : stats) {
            DDSketch sketch = sketches.of(s);
            if (sketch == null) {
                return null;
            }
            if (merged == null) {
                merged = sketch.copy(); // the decoded sketch serves the other keys' levels too
            } else {
                merged.mergeWith(sketch.getIndexMapping().equals(merged.getIndexMapping()) ? sketch
                        : sketch.convert(merged.getIndexMapping(), UnboundedSizeDenseStore::new));
            }
        }
        return merged == null || merged.isEmpty() ? null : merged.getValueAtQuantile(0.5);
    }

    /** Numbers by value (num_ctx 1024 before 512 would read oddly), anything else as text. */
    public static int compareLevels(String a, String b) {
        return compareLevels(a, number(a), b, number(b));
    }

    /** {@link #compareLevels(String, String)} of levels already read as numbers ({@code null}: not one). */
    static int compareLevels(String a, Double x, String b, Double y) {
        if (x != null && y != null) {
            int byValue = Double.compare(x, y);
            return byValue != 0 ? byValue : a.compareTo(b);
        }
        if (x != null || y != null) {
            return x != null ? -1 : 1;
        }
        return a.compareTo(b);
    }

    /** The level as a finite number, or null when it is none. */
    static Double number(String text) {
        try {
            double value = Double.parseDouble(text.trim());
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static final class Draft {
        private final String key;
        private final ComparedMetric metric;
        private final String population;
        private final int without;
        private final List<LevelStats> levels = new ArrayList<>();
        private EffectTest kind;
        private String reason;
        private GroupMeansTest.Result test;
        private Double adjustedP;
        private Double etaSquared;
        private Double spreadPercent;
        /** The configurations of each level: two keys with the same partition are confounded. */
        private Set<Set<String>> partition = Set.of();

        private Draft(String key, ComparedMetric metric, String population, int without) {
            this.key = key;
            this.metric = metric;
            this.population = population;
            this.without = without;
        }

        private ParameterEffect toEffect(int rank, List<String> confoundedWith) {
            return new ParameterEffect(key, metric, population, levels, without, kind, reason,
                    test == null ? null : test.f(), test == null ? null : test.df1(), test == null ? null : test.df2(),
                    test == null ? null : test.pValue(), adjustedP, etaSquared, spreadPercent, rank, confoundedWith);
        }
    }

    /**
     * Each configuration's sketch of a metric, decoded once per {@link #of}: a configuration is one
     * level of every key it sets, and each key's level medians decoded its sketch again.
     */
    private static final class Sketches {
        private final Map<MetricStats, DDSketch> decoded;

        /** Room for {@code expected} sketches from the start: growing the map was about 2 % of a prompt's samples (JFR). */
        Sketches(int expected) {
            decoded = new IdentityHashMap<>(expected);
        }

        /** The decoded sketch of {@code stats}, or null when it carries none. Not to be changed: copy it. */
        DDSketch of(MetricStats stats) {
            return decoded.computeIfAbsent(stats, s -> {
                ByteBuffer bytes = s.getSketch().duplicate();
                if (!bytes.hasRemaining()) {
                    return null;
                }
                byte[] raw = new byte[bytes.remaining()];
                bytes.get(raw);
                return SketchCodec.decode(raw, UnboundedSizeDenseStore::new);
            });
        }
    }
}
