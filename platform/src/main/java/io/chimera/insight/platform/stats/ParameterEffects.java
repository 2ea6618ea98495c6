package io.chimera.insight.platform.stats;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.sketch.SketchCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        return of(ConfigColumns.of(metrics));
    }

    /** {@link #of(ModelMetrics)} of the model whose configurations {@code columns} holds. */
    static ParameterEffects of(ConfigColumns columns) {
        List<Draft> drafts = new ArrayList<>();
        Sketches sketches = new Sketches(2 * columns.configCount());
        for (ConfigColumns.Column population : columns.populations()) {
            drafts.addAll(effects(columns, population, sketches));
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
                    if (Arrays.equals(ofMetric.get(j).partition, draft.partition)) {
                        ranks[i] = ranks[j];
                        break;
                    }
                }
                List<String> twins = ofMetric.stream()
                        .filter(other -> other != draft && Arrays.equals(other.partition, draft.partition))
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

    private static List<Draft> effects(ConfigColumns columns, ConfigColumns.Column population, Sketches sketches) {
        List<Draft> drafts = new ArrayList<>();
        for (int key = 0; key < columns.keys().size(); key++) {
            Levels levels = Levels.of(columns, population, key);
            if (levels.present() < 2) {
                continue;
            }
            Draft draft = new Draft(columns.keys().get(key), population.population().metric(),
                    population.population().description(), levels.without());
            List<GroupSummary> groups = new ArrayList<>(levels.present());
            for (int rank = 0; rank < levels.byRank().size(); rank++) {
                List<Integer> configs = levels.byRank().get(rank);
                if (configs != null) {
                    groups.add(addLevel(draft, columns.level(key, rank), configs, population, sketches));
                }
            }
            draft.partition = levels.partition();
            judge(draft, groups);
            drafts.add(draft);
        }
        return drafts;
    }

    /**
     * One key's configurations with a run of the population, by the rank of their level (null where no
     * configuration has that level), so the levels come out in level order.
     *
     * @param partition each configuration's group, numbered as the configurations first meet it (-1: not in
     *                  one), so two keys that split them alike get equal arrays (a configuration is one config key)
     * @param without   the configurations that do not set the key
     * @param present   the levels with configurations
     */
    private record Levels(List<List<Integer>> byRank, int[] partition, int without, int present) {

        static Levels of(ConfigColumns columns, ConfigColumns.Column population, int key) {
            List<List<Integer>> byRank = new ArrayList<>(Collections.nCopies(columns.levelCount(key), null));
            int[] groupOfRank = new int[byRank.size()];
            int[] partition = new int[columns.configCount()];
            Arrays.fill(partition, -1);
            int without = 0;
            int present = 0;
            for (int c = 0; c < partition.length; c++) {
                int rank = columns.rank(key, c);
                if (rank == ConfigColumns.UNSET) {
                    without++;
                } else if (population.stats(c) != null) {
                    if (byRank.get(rank) == null) {
                        byRank.set(rank, new ArrayList<>());
                        groupOfRank[rank] = present++;
                    }
                    byRank.get(rank).add(c);
                    partition[c] = groupOfRank[rank];
                }
            }
            return new Levels(byRank, partition, without, present);
        }
    }

    /** Pools the level's configurations (in their order) and adds the level's stats to {@code draft}; the pooled summary. */
    private static GroupSummary addLevel(Draft draft, String level, List<Integer> configs,
                                         ConfigColumns.Column population, Sketches sketches) {
        List<GroupSummary> summaries = new ArrayList<>(configs.size());
        List<MetricStats> stats = new ArrayList<>(configs.size());
        for (int c : configs) {
            summaries.add(population.summary(c));
            stats.add(population.stats(c));
        }
        GroupSummary group = GroupSummary.pooled(summaries);
        draft.levels.add(level(level, stats, group, sketches));
        return group;
    }

    /** The effect's size and spread from its levels' summaries, and its test ({@link #chooseTest}). */
    private static void judge(Draft draft, List<GroupSummary> groups) {
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
        String trimmed = text.trim();
        if (trimmed.isEmpty() || !mayBeFinite(trimmed.charAt(0))) {
            return null; // without the exception parseDouble throws: a few µs per level that is no number (JFR)
        }
        try {
            double value = Double.parseDouble(trimmed);
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Whether a trimmed text starting with {@code first} can be a finite number for
     * {@link Double#parseDouble}: a digit, a point or a sign ("0x…" starts with a digit); anything else
     * parseDouble refuses or reads as NaN or an infinity.
     */
    private static boolean mayBeFinite(char first) {
        return (first >= '0' && first <= '9') || first == '.' || first == '+' || first == '-';
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
        /** Each configuration's group, numbered by first appearance (-1: none): keys with equal partitions are confounded. */
        private int[] partition = new int[0];

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
