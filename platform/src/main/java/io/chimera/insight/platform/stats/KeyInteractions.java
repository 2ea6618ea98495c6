package io.chimera.insight.platform.stats;

import io.chimera.insight.events.ModelMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Whether the effect of one configuration key depends on another, from a model's aggregate: for
 * each pair of keys with two or more levels (tokens/s over all successful runs, TTFT over the warm
 * runs when the aggregate tells them apart: the populations of {@link ParameterEffects}, shared
 * through {@link MetricPopulation}), the two keys' levels crossed into cells pooled over the other
 * keys ({@link KeyPairCells}), then:
 * <ul>
 *   <li>keys whose levels go together (each level of one with a single level of the other) are
 *       {@link ConfoundedKeys confounded}: their effects cannot be separated, and no interaction is
 *       tested;</li>
 *   <li>a complete grid with repeated runs in some cell: the interaction F test of a two-way ANOVA.
 *       Pooling over the other keys leaves their effects in the within-cell error, which inflates
 *       it: the test is conservative (an interaction it flags is there; one it misses may be too);</li>
 *   <li>a complete grid with one run per cell: Tukey's one-degree-of-freedom test for non-additivity
 *       ({@link InteractionFTests});</li>
 *   <li>anything else is not testable, and says why (the missing cells, no residual degrees of
 *       freedom, no variation).</li>
 * </ul>
 *
 * <p><b>Many tests.</b> The interaction p-values are corrected with Holm's method ({@link HolmCorrection})
 * as a family of their own, apart from the main effects': they answer another question ("does one
 * key's effect depend on another?", not "does a key matter?"), and joining the families would move
 * every main effect's adjusted p-value with the number of key pairs, which grows as the square of the
 * keys. Each family keeps its family-wise error at {@value ParameterEffects#SIGNIFICANCE_LEVEL}; both
 * together at most twice that. A pair is flagged when its adjusted p is below
 * {@value ParameterEffects#SIGNIFICANCE_LEVEL}.
 *
 * <p><b>Effect size.</b> η² = interaction SS / total SS of the grid's runs, and the cell mean
 * furthest from the additive model's fit, its distance in % of the overall mean.
 */
public final class KeyInteractions {

    /** How many missing cells a reason names before it only counts them. */
    private static final int CELLS_NAMED = 6;

    private final List<KeyInteraction> interactions;
    private final List<ConfoundedKeys> confounded;

    private KeyInteractions(List<KeyInteraction> interactions, List<ConfoundedKeys> confounded) {
        this.interactions = List.copyOf(interactions);
        this.confounded = List.copyOf(confounded);
    }

    public static KeyInteractions of(ModelMetrics metrics) {
        return of(ConfigColumns.of(metrics));
    }

    /** {@link #of(ModelMetrics)} of the model whose configurations {@code columns} holds. */
    static KeyInteractions of(ConfigColumns columns) {
        List<Draft> drafts = new ArrayList<>();
        List<ConfoundedKeys> confounded = new ArrayList<>();
        for (ConfigColumns.Column population : columns.populations()) {
            int[] keys = variedKeys(columns, population);
            for (int i = 0; i < keys.length; i++) {
                for (int j = i + 1; j < keys.length; j++) {
                    KeyPairCells grid = KeyPairCells.of(columns, population, keys[i], keys[j]);
                    drafts.add(new Draft(grid, population.population(),
                            test(grid, population.population(), confounded)));
                }
            }
        }
        double[] adjusted = HolmCorrection.adjust(drafts.stream().filter(d -> d.outcome.pValue() != null)
                .mapToDouble(d -> d.outcome.pValue()).toArray());
        List<KeyInteraction> interactions = new ArrayList<>();
        int tested = 0;
        for (Draft draft : drafts) {
            interactions.add(draft.toInteraction(draft.outcome.pValue() == null ? null : adjusted[tested++]));
        }
        return new KeyInteractions(interactions, confounded);
    }

    /** Every pair of keys with two or more levels: tokens/s first, then TTFT; pairs in key order. */
    public List<KeyInteraction> interactions() {
        return interactions;
    }

    /** The key pairs whose levels go together, per metric, in the same order. */
    public List<ConfoundedKeys> confounded() {
        return confounded;
    }

    /** How many interactions were tested: the size of Holm's family. */
    public long tests() {
        return interactions.stream().filter(i -> i.pValue() != null).count();
    }

    /**
     * The indices of the keys with two or more levels among the configurations with a run of this
     * population, in name order.
     */
    private static int[] variedKeys(ConfigColumns columns, ConfigColumns.Column population) {
        int[] varied = new int[columns.keys().size()];
        int count = 0;
        for (int key = 0; key < varied.length; key++) {
            int first = ConfigColumns.UNSET;
            for (int c = 0; c < columns.configCount(); c++) {
                int rank = columns.rank(key, c);
                if (rank == ConfigColumns.UNSET || population.stats(c) == null) {
                    continue;
                }
                if (first == ConfigColumns.UNSET) {
                    first = rank;
                } else if (rank != first) {
                    varied[count++] = key;
                    break;
                }
            }
        }
        return Arrays.copyOf(varied, count);
    }

    private static InteractionFTests.Outcome test(KeyPairCells grid, MetricPopulation population,
                                                  List<ConfoundedKeys> confounded) {
        if (grid.levelsA().size() < 2 || grid.levelsB().size() < 2) {
            boolean a = grid.levelsA().size() < 2;
            String key = a ? grid.keyA() : grid.keyB();
            int levels = a ? grid.levelsA().size() : grid.levelsB().size();
            return InteractionFTests.Outcome.notTestable(key + " has " + levels
                    + " level(s) among the configurations that set both keys");
        }
        boolean aFixesB = grid.aDeterminesB();
        boolean bFixesA = grid.bDeterminesA();
        if (aFixesB || bFixesA) {
            confounded.add(new ConfoundedKeys(grid.keyA(), grid.keyB(), population.metric(), aFixesB && bFixesA,
                    aFixesB ? grid.keyA() : grid.keyB(), grid.pairs()));
            return InteractionFTests.Outcome.notTestable(aFixesB && bFixesA
                    ? "confounded: each level of either key comes with one level of the other"
                    : "confounded: each level of " + (aFixesB ? grid.keyA() : grid.keyB()) + " comes with one level of "
                            + (aFixesB ? grid.keyB() : grid.keyA()));
        }
        List<List<String>> missing = grid.missing();
        if (!missing.isEmpty()) {
            String named = missing.stream().limit(CELLS_NAMED)
                    .map(cell -> grid.keyA() + "=" + cell.get(0) + " × " + grid.keyB() + "=" + cell.get(1))
                    .collect(Collectors.joining(", "));
            return InteractionFTests.Outcome.notTestable(String.format(Locale.ROOT,
                    "incomplete grid: %d of %d cells have no runs (%s%s)", missing.size(), grid.size(), named,
                    missing.size() > CELLS_NAMED ? ", …" : ""));
        }
        if (!(grid.total().m2() > 0)) {
            return InteractionFTests.Outcome.notTestable("no variation: every run of the grid has the same value");
        }
        boolean oneRunPerCell = grid.total().count() == grid.size();
        return oneRunPerCell ? InteractionFTests.tukeyNonAdditivity(grid) : InteractionFTests.twoWayAnova(grid);
    }

    private record Draft(KeyPairCells grid, MetricPopulation population, InteractionFTests.Outcome outcome) {

        KeyInteraction toInteraction(Double adjustedP) {
            return new KeyInteraction(grid.keyA(), grid.keyB(), population.metric(), population.description(),
                    outcome.test(),
                    outcome.reason(), outcome.f(), outcome.df1(), outcome.df2(), outcome.pValue(), adjustedP,
                    outcome.etaSquared(), outcome.deviationPercent(), outcome.deviationA(), outcome.deviationB(),
                    outcome.deviationCount());
        }
    }
}
