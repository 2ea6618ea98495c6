package io.chimera.insight.platform.stats;

import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * The two interaction tests of a complete grid of cells ({@link KeyPairCells}), from each cell's
 * count, mean and M2 alone.
 *
 * <p><b>Two-way ANOVA</b> (some cell has repeated runs): the additive model μ + α_a + β_b is fitted
 * to the cell means by least squares weighted by the cells' counts (commons-math3's QR
 * decomposition), which is the raw-run least-squares fit, as that model is constant within a cell.
 * The interaction sum of squares is the weighted residual Σ n_ab (ȳ_ab − fit_ab)², with
 * (A − 1)(B − 1) degrees of freedom; the error is the pooled within-cell variance Σ M2_ab / (N − AB).
 * Equal to the interaction row of a two-way ANOVA with interaction (type I, II and III agree for
 * the last term).
 *
 * <p><b>Tukey's one-degree-of-freedom test</b> (one run per cell, so no within-cell error): of the
 * additive model's residual, the part along α_a·β_b,
 * SS_N = (Σ (ȳ_a· − ȳ)(ȳ_·b − ȳ) y_ab)² / (Σ_a (ȳ_a· − ȳ)² · Σ_b (ȳ_·b − ȳ)²),
 * against the rest, F = SS_N / ((SS_res − SS_N) / ((A − 1)(B − 1) − 1)). It catches an interaction
 * that grows with both main effects (multiplicative), not every kind.
 */
final class InteractionFTests {

    /** Below this share of the total sum of squares, a remainder is rounding, not variation. */
    private static final double EXACT_FIT = 1e-12;

    /** A test's figures, or why there is none ({@code reason} non-null, the rest null). */
    record Outcome(InteractionTest test, String reason, Double f, Double df1, Double df2, Double pValue,
                   Double etaSquared, Double deviationPercent, String deviationA, String deviationB,
                   Long deviationCount) {

        static Outcome notTestable(String reason) {
            return new Outcome(InteractionTest.NOT_TESTABLE, reason, null, null, null, null, null, null, null, null,
                    null);
        }
    }

    private InteractionFTests() {
    }

    static Outcome twoWayAnova(KeyPairCells grid) {
        List<String> as = grid.levelsA();
        List<String> bs = grid.levelsB();
        int rows = grid.size();
        int columns = as.size() + bs.size() - 1;
        RealMatrix design = new Array2DRowRealMatrix(rows, columns);
        RealVector means = new ArrayRealVector(rows);
        double withinSs = 0;
        int row = 0;
        for (int i = 0; i < as.size(); i++) {
            for (int j = 0; j < bs.size(); j++, row++) {
                GroupSummary cell = grid.cell(i, j);
                double weight = Math.sqrt(cell.count());
                design.setEntry(row, 0, weight);
                if (i > 0) {
                    design.setEntry(row, i, weight);
                }
                if (j > 0) {
                    design.setEntry(row, as.size() - 1 + j, weight);
                }
                means.setEntry(row, weight * cell.mean());
                withinSs += cell.m2();
            }
        }
        GroupSummary total = grid.total();
        double errorDf = total.count() - rows;
        if (errorDf < 1) {
            return Outcome.notTestable("no residual degrees of freedom: " + total.count() + " runs in " + rows
                    + " cells");
        }
        if (!(withinSs > EXACT_FIT * total.m2())) {
            return Outcome.notTestable("no variation within cells: the repeated runs of each cell are equal");
        }
        RealVector fit = design.operate(new QRDecomposition(design).getSolver().solve(means));
        double[] fitted = new double[rows];
        row = 0;
        for (int i = 0; i < as.size(); i++) {
            for (int j = 0; j < bs.size(); j++) {
                fitted[row] = fit.getEntry(row) / Math.sqrt(grid.cell(i, j).count());
                row++;
            }
        }
        double interactionSs = 0;
        row = 0;
        for (int i = 0; i < as.size(); i++) {
            for (int j = 0; j < bs.size(); j++) {
                GroupSummary cell = grid.cell(i, j);
                double deviation = cell.mean() - fitted[row++];
                interactionSs += cell.count() * deviation * deviation;
            }
        }
        double interactionDf = (as.size() - 1.0) * (bs.size() - 1.0);
        double f = (interactionSs / interactionDf) / (withinSs / errorDf);
        return outcome(InteractionTest.TWO_WAY_ANOVA, grid, fitted, f, interactionDf, errorDf, interactionSs);
    }

    static Outcome tukeyNonAdditivity(KeyPairCells grid) {
        List<String> as = grid.levelsA();
        List<String> bs = grid.levelsB();
        double[][] y = new double[as.size()][bs.size()];
        double[] rowMeans = new double[as.size()];
        double[] columnMeans = new double[bs.size()];
        for (int i = 0; i < as.size(); i++) {
            for (int j = 0; j < bs.size(); j++) {
                y[i][j] = grid.cell(i, j).mean();
                rowMeans[i] += y[i][j] / bs.size();
                columnMeans[j] += y[i][j] / as.size();
            }
        }
        double grand = grid.total().mean();
        double residualDf = (as.size() - 1.0) * (bs.size() - 1.0) - 1;
        if (residualDf < 1) {
            return Outcome.notTestable("no residual degrees of freedom: Tukey's test on a 2 × 2 grid with one run per "
                    + "cell has none left");
        }
        double rowSs = 0;
        double columnSs = 0;
        for (double m : rowMeans) {
            rowSs += (m - grand) * (m - grand);
        }
        for (double m : columnMeans) {
            columnSs += (m - grand) * (m - grand);
        }
        double totalSs = grid.total().m2();
        if (!(rowSs > EXACT_FIT * totalSs) || !(columnSs > EXACT_FIT * totalSs)) {
            return Outcome.notTestable("no variation between the levels of "
                    + (rowSs > EXACT_FIT * totalSs ? grid.keyB() : grid.keyA())
                    + ": Tukey's test looks for an interaction that grows with both keys' effects");
        }
        double cross = 0;
        double residualSs = 0;
        double[] fitted = new double[grid.size()];
        int cell = 0;
        for (int i = 0; i < as.size(); i++) {
            for (int j = 0; j < bs.size(); j++) {
                cross += (rowMeans[i] - grand) * (columnMeans[j] - grand) * y[i][j];
                fitted[cell] = rowMeans[i] + columnMeans[j] - grand;
                double residual = y[i][j] - fitted[cell++];
                residualSs += residual * residual;
            }
        }
        double nonAdditivitySs = cross * cross / (rowSs * columnSs);
        double remainderSs = residualSs - nonAdditivitySs;
        if (!(remainderSs > EXACT_FIT * totalSs)) {
            return Outcome.notTestable("no residual variation: the additive model with Tukey's product term fits "
                    + "every cell exactly");
        }
        double f = nonAdditivitySs / (remainderSs / residualDf);
        return outcome(InteractionTest.TUKEY_NONADDITIVITY, grid, fitted, f, 1, residualDf, nonAdditivitySs);
    }

    /** The F test's p-value, η² and the cell furthest from the additive fit. */
    private static Outcome outcome(InteractionTest test, KeyPairCells grid, double[] fitted, double f, double df1,
                                   double df2, double interactionSs) {
        GroupSummary total = grid.total();
        double largest = 0;
        int atI = -1;
        int atJ = -1;
        int cell = 0;
        for (int i = 0; i < grid.levelsA().size(); i++) {
            for (int j = 0; j < grid.levelsB().size(); j++) {
                double deviation = grid.cell(i, j).mean() - fitted[cell++];
                if (atI < 0 || Math.abs(deviation) > Math.abs(largest)) {
                    largest = deviation;
                    atI = i;
                    atJ = j;
                }
            }
        }
        String atA = atI < 0 ? null : grid.levelsA().get(atI);
        String atB = atJ < 0 ? null : grid.levelsB().get(atJ);
        Double percent = total.mean() != 0 ? largest / Math.abs(total.mean()) * 100 : null;
        return new Outcome(test, null, f, df1, df2, GroupMeansTest.upperTail(f, df1, df2), interactionSs / total.m2(),
                percent, atA, atB, grid.cell(atI, atJ).count());
    }
}
