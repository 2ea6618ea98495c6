package io.chimera.insight.platform.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

import io.chimera.insight.events.ColdStart;
import io.chimera.insight.events.ColdStartStatus;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Interactions of configuration keys on hand-made sweeps. The expected figures come from numpy 2 /
 * scipy 1.17.1 on the raw values, by building the design matrices (the session, abridged):
 * <pre>
 * def two_way(cells):   # cells: {(a, b): [runs]}
 *     Xa = [1, dummies of A (first level dropped), dummies of B]     # additive
 *     Xf = Xa + [products of the A and B dummies]                    # with interaction
 *     rss_a, rss_f = residual SS of np.linalg.lstsq(Xa, y), np.linalg.lstsq(Xf, y)
 *     df_i, df_e = (A-1)*(B-1), len(y) - A*B
 *     F = ((rss_a - rss_f) / df_i) / (rss_f / df_e); p = stats.f.sf(F, df_i, df_e)
 *     eta2 = (rss_a - rss_f) / ((y - y.mean())**2).sum()
 *     deviation = max |cell mean - additive fit| / |y.mean()| * 100 (signed)
 * def tukey(y):          # one run per cell, y[a][b]
 *     dr, dc = y.mean(1) - g, y.mean(0) - g;  ssn = (np.outer(dr, dc) * y).sum()**2 / ((dr**2).sum() * (dc**2).sum())
 *     res = y - y.mean(1)[:, None] - y.mean(0)[None, :] + g;  dfr = (a-1)*(b-1) - 1
 *     F = ssn / (((res**2).sum() - ssn) / dfr); p = stats.f.sf(F, 1, dfr); eta2 = ssn / ((y - g)**2).sum()
 * </pre>
 */
class KeyInteractionsTest {

    /** A 3 × 2 sweep with replication; (a3, b2) planted 30 tokens/s below the additive value. */
    private static final Map<List<String>, double[]> PLANTED = cells(
            "a1", "b1", new double[] {100, 102, 98}, "a1", "b2", new double[] {110, 111, 109, 112},
            "a2", "b1", new double[] {120, 118, 121}, "a2", "b2", new double[] {130, 131},
            "a3", "b1", new double[] {140, 141, 139}, "a3", "b2", new double[] {120, 122, 119});
    /** The same, (a3, b2) where the additive model puts it. */
    private static final Map<List<String>, double[]> ADDITIVE = with(PLANTED, "a3", "b2", new double[] {150, 152, 149});
    /** Warm TTFT of the planted sweep: additive. */
    private static final Map<List<String>, double[]> TTFT = cells(
            "a1", "b1", new double[] {50, 52}, "a1", "b2", new double[] {60, 61, 59},
            "a2", "b1", new double[] {55, 57, 56}, "a2", "b2", new double[] {66, 65},
            "a3", "b1", new double[] {50, 51, 52}, "a3", "b2", new double[] {61, 60});

    /**
     * two_way(PLANTED): F = 219.74262070762998, df (2, 12), p = 3.5255438995412e-10,
     * eta2 = 0.3040813054724156, deviation at (a3, b2): -8.402158302715108 %.
     * two_way(TTFT): F = 0.10000000000000053, df (2, 9), p = 0.9058286849893995,
     * eta2 = 0.0005154639175257759.
     * Holm over the two (a family of its own): [7.0510877990824e-10, 0.9058286849893995].
     */
    @Test
    void aPlantedInteractionInAThreeByTwoSweepIsFlaggedWithTheReferenceFAndP() {
        KeyInteractions found = KeyInteractions.of(sweep(PLANTED, TTFT));

        assertThat(found.interactions()).hasSize(2);
        assertThat(found.tests()).isEqualTo(2);
        KeyInteraction tokens = interaction(found, ComparedMetric.TOKENS_PER_S);
        assertThat(tokens.keyA()).isEqualTo("A");
        assertThat(tokens.keyB()).isEqualTo("B");
        assertThat(tokens.test()).isEqualTo(InteractionTest.TWO_WAY_ANOVA);
        assertThat(tokens.f()).isCloseTo(219.74262070762998, within(1e-9));
        assertThat(tokens.df1()).isEqualTo(2.0);
        assertThat(tokens.df2()).isEqualTo(12.0);
        assertThat(tokens.pValue()).isCloseTo(3.5255438995412e-10, withPercentage(1e-3));
        assertThat(tokens.adjustedP()).isCloseTo(7.0510877990824e-10, withPercentage(1e-3));
        assertThat(tokens.etaSquared()).isCloseTo(0.3040813054724156, within(1e-12));
        assertThat(tokens.largestDeviationPercent()).isCloseTo(-8.402158302715108, within(1e-9));
        assertThat(List.of(tokens.largestDeviationLevelA(), tokens.largestDeviationLevelB()))
                .containsExactly("a3", "b2");
        assertThat(tokens.largestDeviationCount()).isEqualTo(3);
        assertThat(tokens.flagged()).isTrue();

        KeyInteraction ttft = interaction(found, ComparedMetric.TTFT_MS);
        assertThat(ttft.population()).isEqualTo("warm runs");
        assertThat(ttft.f()).isCloseTo(0.10000000000000053, within(1e-9));
        assertThat(ttft.df2()).isEqualTo(9.0);
        assertThat(ttft.pValue()).isCloseTo(0.9058286849893995, within(1e-12));
        assertThat(ttft.adjustedP()).isCloseTo(0.9058286849893995, within(1e-12));
        assertThat(ttft.etaSquared()).isCloseTo(0.0005154639175257759, within(1e-12));
        assertThat(ttft.flagged()).isFalse();
        assertThat(found.confounded()).isEmpty();
    }

    /** two_way(ADDITIVE): F = 0.041050368150122155, df (2, 12), p = 0.9599149639460822, eta2 = 3.1055499529678005e-05. */
    @Test
    void theSameSweepMadeAdditiveIsNotFlagged() {
        KeyInteraction tokens = interaction(KeyInteractions.of(sweep(ADDITIVE, Map.of())), ComparedMetric.TOKENS_PER_S);

        assertThat(tokens.test()).isEqualTo(InteractionTest.TWO_WAY_ANOVA);
        assertThat(tokens.f()).isCloseTo(0.041050368150122155, within(1e-9));
        assertThat(tokens.pValue()).isCloseTo(0.9599149639460822, within(1e-12));
        assertThat(tokens.etaSquared()).isCloseTo(3.1055499529678005e-05, within(1e-12));
        assertThat(tokens.flagged()).isFalse();
    }

    /**
     * two_way(planted 2 × 2): F = 418.72022955523676, df (1, 8), p = 3.4035186402435226e-08,
     * eta2 = 0.6793640447868897, deviation at (a1, b2): 10.347162656313419 %.
     * two_way(additive 2 × 2, (a2, b2) = [130, 129, 131]): F = 1.155080213903743, p = 0.31383125434325365.
     */
    @Test
    void aTwoByTwoSweepIsFlaggedWithItsPlantedInteractionAndNotWithout() {
        Map<List<String>, double[]> planted = cells(
                "a1", "b1", new double[] {100, 101, 99}, "a1", "b2", new double[] {110, 112},
                "a2", "b1", new double[] {120, 119, 121, 122}, "a2", "b2", new double[] {100, 98, 101});
        KeyInteraction flagged = interaction(KeyInteractions.of(sweep(planted, Map.of())), ComparedMetric.TOKENS_PER_S);
        assertThat(flagged.f()).isCloseTo(418.72022955523676, within(1e-8));
        assertThat(flagged.df1()).isEqualTo(1.0);
        assertThat(flagged.df2()).isEqualTo(8.0);
        assertThat(flagged.pValue()).isCloseTo(3.4035186402435226e-08, withPercentage(1e-4));
        assertThat(flagged.etaSquared()).isCloseTo(0.6793640447868897, within(1e-12));
        assertThat(flagged.largestDeviationPercent()).isCloseTo(10.347162656313419, within(1e-9));
        assertThat(List.of(flagged.largestDeviationLevelA(), flagged.largestDeviationLevelB()))
                .containsExactly("a1", "b2");
        assertThat(flagged.flagged()).isTrue();

        KeyInteraction additive = interaction(KeyInteractions.of(sweep(
                with(planted, "a2", "b2", new double[] {130, 129, 131}), Map.of())), ComparedMetric.TOKENS_PER_S);
        assertThat(additive.f()).isCloseTo(1.155080213903743, within(1e-9));
        assertThat(additive.pValue()).isCloseTo(0.31383125434325365, within(1e-12));
        assertThat(additive.flagged()).isFalse();
    }

    /**
     * One run per cell, y ≈ row × column (4 × 3):
     * tukey([[10.3, 14.8, 20.1], [19.9, 30.2, 39.8], [30.1, 44.7, 60.2], [40.2, 60.1, 79.7]]):
     * F = 2861.2321541673573, df (1, 5), p = 4.3181350117495216e-08, eta2 = 0.050852171518722546,
     * largest additive residual at (a1, b1): 20.306598533659187 %.
     * An additive grid, tukey([[10.3, 14.8, 20.1], [20.1, 25.2, 29.8], [30.1, 34.7, 40.2], [40.2, 45.1, 49.7]]):
     * F = 0.09459353754853725, p = 0.7708153753188914.
     */
    @Test
    void withOneRunPerCellTukeysTestFlagsAMultiplicativeInteraction() {
        double[][] multiplicative = {{10.3, 14.8, 20.1}, {19.9, 30.2, 39.8}, {30.1, 44.7, 60.2}, {40.2, 60.1, 79.7}};
        KeyInteraction tukey = interaction(KeyInteractions.of(sweep(singleRuns(multiplicative), Map.of())),
                ComparedMetric.TOKENS_PER_S);

        assertThat(tukey.test()).isEqualTo(InteractionTest.TUKEY_NONADDITIVITY);
        assertThat(tukey.f()).isCloseTo(2861.2321541673573, within(1e-7));
        assertThat(tukey.df1()).isEqualTo(1.0);
        assertThat(tukey.df2()).isEqualTo(5.0);
        assertThat(tukey.pValue()).isCloseTo(4.3181350117495216e-08, withPercentage(1e-4));
        assertThat(tukey.etaSquared()).isCloseTo(0.050852171518722546, within(1e-12));
        assertThat(tukey.largestDeviationPercent()).isCloseTo(20.306598533659187, within(1e-9));
        assertThat(List.of(tukey.largestDeviationLevelA(), tukey.largestDeviationLevelB())).containsExactly("a1", "b1");
        assertThat(tukey.flagged()).isTrue();

        double[][] additive = {{10.3, 14.8, 20.1}, {20.1, 25.2, 29.8}, {30.1, 34.7, 40.2}, {40.2, 45.1, 49.7}};
        KeyInteraction none = interaction(KeyInteractions.of(sweep(singleRuns(additive), Map.of())),
                ComparedMetric.TOKENS_PER_S);
        assertThat(none.test()).isEqualTo(InteractionTest.TUKEY_NONADDITIVITY);
        assertThat(none.f()).isCloseTo(0.09459353754853725, within(1e-9));
        assertThat(none.pValue()).isCloseTo(0.7708153753188914, within(1e-12));
        assertThat(none.flagged()).isFalse();
    }

    @Test
    void aTwoByTwoGridWithOneRunPerCellLeavesTukeyNoDegreesOfFreedom() {
        KeyInteraction pair = interaction(KeyInteractions.of(sweep(singleRuns(new double[][] {{1, 2}, {3, 9}}), Map.of())),
                ComparedMetric.TOKENS_PER_S);

        assertThat(pair.test()).isEqualTo(InteractionTest.NOT_TESTABLE);
        assertThat(pair.notTestableReason()).isEqualTo("no residual degrees of freedom: Tukey's test on a 2 × 2 grid "
                + "with one run per cell has none left");
        assertThat(pair.pValue()).isNull();
        assertThat(pair.flagged()).isFalse();
    }

    @Test
    void anIncompleteGridIsNotTestableAndNamesTheMissingCells() {
        Map<List<String>, double[]> incomplete = new LinkedHashMap<>(PLANTED);
        incomplete.remove(List.of("a2", "b2"));
        KeyInteractions found = KeyInteractions.of(sweep(incomplete, Map.of()));

        KeyInteraction pair = interaction(found, ComparedMetric.TOKENS_PER_S);
        assertThat(pair.test()).isEqualTo(InteractionTest.NOT_TESTABLE);
        assertThat(pair.notTestableReason()).isEqualTo("incomplete grid: 1 of 6 cells have no runs (A=a2 × B=b2)");
        assertThat(pair.pValue()).isNull();
        assertThat(found.tests()).isZero();
        assertThat(found.confounded()).isEmpty();
    }

    @Test
    void keysWhoseLevelsGoTogetherAreReportedConfoundedAndNotTested() {
        Map<List<String>, double[]> oneToOne = cells(
                "a1", "b1", new double[] {100, 102}, "a2", "b2", new double[] {120, 121});
        KeyInteractions found = KeyInteractions.of(sweep(oneToOne, Map.of()));

        assertThat(found.confounded()).singleElement().satisfies(c -> {
            assertThat(List.of(c.keyA(), c.keyB())).containsExactly("A", "B");
            assertThat(c.oneToOne()).isTrue();
            assertThat(c.pairs()).containsExactly(List.of("a1", "b1"), List.of("a2", "b2"));
        });
        KeyInteraction pair = interaction(found, ComparedMetric.TOKENS_PER_S);
        assertThat(pair.notTestableReason()).isEqualTo("confounded: each level of either key comes with one level of "
                + "the other");

        // Four levels of A on two of B: A's level fixes B's, so B's effect is a part of A's.
        Map<List<String>, double[]> manyToOne = cells(
                "a1", "b1", new double[] {100, 102}, "a2", "b1", new double[] {105, 104},
                "a3", "b2", new double[] {120, 121}, "a4", "b2", new double[] {126, 125});
        ConfoundedKeys nested = KeyInteractions.of(sweep(manyToOne, Map.of())).confounded().get(0);
        assertThat(nested.oneToOne()).isFalse();
        assertThat(nested.determining()).isEqualTo("A");
        assertThat(interaction(KeyInteractions.of(sweep(manyToOne, Map.of())), ComparedMetric.TOKENS_PER_S)
                .notTestableReason()).isEqualTo("confounded: each level of A comes with one level of B");
    }

    @Test
    void aKeySetByOnlySomeConfigurationsIsPairedOnTheConfigurationsThatSetBoth() {
        List<ConfigStats> configs = List.of(
                config(Map.of("A", "a1"), new double[] {100, 101}, new double[0]),
                config(Map.of("A", "a2", "C", "c1"), new double[] {110, 111}, new double[0]),
                config(Map.of("A", "a2", "C", "c2"), new double[] {120, 121}, new double[0]));

        KeyInteraction pair = interaction(KeyInteractions.of(model(configs)), ComparedMetric.TOKENS_PER_S);
        assertThat(List.of(pair.keyA(), pair.keyB())).containsExactly("A", "C");
        assertThat(pair.notTestableReason()).isEqualTo("A has 1 level(s) among the configurations that set both keys");
    }

    /**
     * Property: the runs of each (A, B) cell spread over configurations that also differ in a third
     * key C, split again into several entries (as files merge), in any order, give the A × B
     * interaction of the pooled cells: the reference F and p of the 3 × 2 planted sweep.
     */
    @Test
    void howTheRunsOfAConfigurationWereSplitAndMergedDoesNotChangeTheInteraction() {
        Random random = new Random(11);
        for (int trial = 0; trial < 20; trial++) {
            List<ConfigStats> configs = new ArrayList<>();
            for (Map.Entry<List<String>, double[]> cell : PLANTED.entrySet()) {
                List<Double> runs = new ArrayList<>(Arrays.stream(cell.getValue()).boxed().toList());
                Collections.shuffle(runs, random);
                int cut = 1 + random.nextInt(runs.size() - 1);
                for (List<Double> part : List.of(runs.subList(0, cut), runs.subList(cut, runs.size()))) {
                    String c = random.nextBoolean() ? "c1" : "c2";
                    configs.add(config(Map.of("A", cell.getKey().get(0), "B", cell.getKey().get(1), "C", c),
                            part.stream().mapToDouble(Double::doubleValue).toArray(), new double[0]));
                }
            }
            Collections.shuffle(configs, random);
            KeyInteractions found = KeyInteractions.of(model(configs));

            KeyInteraction ab = found.interactions().stream()
                    .filter(i -> i.keyA().equals("A") && i.keyB().equals("B")).findFirst().orElseThrow();
            assertThat(ab.test()).isEqualTo(InteractionTest.TWO_WAY_ANOVA);
            assertThat(ab.f()).isCloseTo(219.74262070762998, within(1e-9));
            assertThat(ab.pValue()).isCloseTo(3.5255438995412e-10, withPercentage(1e-3));
            assertThat(ab.etaSquared()).isCloseTo(0.3040813054724156, within(1e-12));
            assertThat(ab.largestDeviationPercent()).isCloseTo(-8.402158302715108, within(1e-9));
        }
    }

    private static KeyInteraction interaction(KeyInteractions found, ComparedMetric metric) {
        return found.interactions().stream().filter(i -> i.metric().equals(metric)).findFirst().orElseThrow();
    }

    /** One configuration per cell, keys A and B; TTFT (warm) where {@code ttft} has the cell. */
    private static ModelMetrics sweep(Map<List<String>, double[]> tokens, Map<List<String>, double[]> ttft) {
        List<ConfigStats> configs = new ArrayList<>();
        tokens.forEach((cell, runs) -> configs.add(config(Map.of("A", cell.get(0), "B", cell.get(1)), runs,
                ttft.getOrDefault(cell, new double[0]))));
        return model(configs);
    }

    private static ModelMetrics model(List<ConfigStats> configs) {
        return ModelMetrics.newBuilder().setModel("m").setConfigs(configs)
                .setColdStart(ColdStart.newBuilder().setStatus(ColdStartStatus.CLASSIFIED).build()).build();
    }

    private static ConfigStats config(Map<String, String> levels, double[] tokens, double[] warmTtft) {
        Map<String, MetricStats> warm = warmTtft.length == 0 ? Map.of() : Map.of("ttft_ms", moments("ms", warmTtft));
        return ConfigStats.newBuilder().setConfigKey(levels.toString()).setConfig(levels).setRuns(tokens.length)
                .setMetrics(Map.of("tokens_per_s", moments("tokens/s", tokens))).setWarmMetrics(warm).build();
    }

    /** Exact count, mean and M2 of the values, what the aggregate keeps of them. */
    private static MetricStats moments(String unit, double[] values) {
        double mean = Arrays.stream(values).average().orElseThrow();
        double m2 = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
        return MetricStats.newBuilder().setUnit(unit).setCount(values.length).setMean(mean).setM2(m2)
                .setSketch(java.nio.ByteBuffer.allocate(0)).build();
    }

    /** Cells a1..aN × b1..bM with one run each. */
    private static Map<List<String>, double[]> singleRuns(double[][] grid) {
        Map<List<String>, double[]> cells = new LinkedHashMap<>();
        for (int i = 0; i < grid.length; i++) {
            for (int j = 0; j < grid[i].length; j++) {
                cells.put(List.of("a" + (i + 1), "b" + (j + 1)), new double[] {grid[i][j]});
            }
        }
        return cells;
    }

    private static Map<List<String>, double[]> cells(Object... levelsAndRuns) {
        Map<List<String>, double[]> cells = new LinkedHashMap<>();
        for (int i = 0; i < levelsAndRuns.length; i += 3) {
            cells.put(List.of((String) levelsAndRuns[i], (String) levelsAndRuns[i + 1]), (double[]) levelsAndRuns[i + 2]);
        }
        return cells;
    }

    private static Map<List<String>, double[]> with(Map<List<String>, double[]> cells, String a, String b, double[] runs) {
        Map<List<String>, double[]> changed = new LinkedHashMap<>(cells);
        changed.put(List.of(a, b), runs);
        return changed;
    }
}
