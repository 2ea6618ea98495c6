package io.chimera.insight.platform.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Reference values are numpy's, by the defining formula over every (tau, kappa):
 * <pre>
 * def Q(z, s, tau, kappa):
 *     x = z[s:tau]; y = z[tau:kappa]; n = len(x); m = len(y)
 *     between = np.abs(x[:, None] - y[None, :]).sum()
 *     wx = np.abs(x[:, None] - x[None, :]).sum() / 2
 *     wy = np.abs(y[:, None] - y[None, :]).sum() / 2
 *     return n*m/(n+m) * (2*between/(n*m) - wx/(n*(n-1)/2) - wy/(m*(m-1)/2))
 * max((Q(z, s, t, k), t, k) for t in range(s+ms, e-ms+1) for k in range(t+ms, e+1))
 * </pre>
 */
class EnergyDivergenceTest {

    private static final double[] Z = {3.0, 4.0, 2.0, 3.5, 9.0, 8.0, 10.5, 2.5, 3.0, 4.5};

    @Test
    void findsTheSplitNumpyFindsOnTheWholeSeries() {
        // numpy: (16.0, 4, 7) with minimum segment 2; the runner-up is (11.56, 4, 6)
        EnergyDivergence.Split split = EnergyDivergence.best(Z, 0, Z.length, 2);
        assertThat(split.tau()).isEqualTo(4);
        assertThat(split.kappa()).isEqualTo(7);
        assertThat(split.q()).isCloseTo(16.0, within(1e-9));
    }

    @Test
    void findsTheSplitNumpyFindsOnAnInnerSegment() {
        // numpy: (10.0, 7, 9) on z[5:10] with minimum segment 2
        EnergyDivergence.Split split = EnergyDivergence.best(Z, 5, 10, 2);
        assertThat(split.tau()).isEqualTo(7);
        assertThat(split.kappa()).isEqualTo(9);
        assertThat(split.q()).isCloseTo(10.0, within(1e-9));
    }

    @Test
    void respectsTheMinimumSegment() {
        // numpy on z[2:10]: (11.6, 4, 7) with minimum segment 2; with 3, z[2:4] is too short a side
        // and the best is (3.8125, 7, 10)
        EnergyDivergence.Split two = EnergyDivergence.best(Z, 2, 10, 2);
        assertThat(two.tau()).isEqualTo(4);
        assertThat(two.kappa()).isEqualTo(7);
        assertThat(two.q()).isCloseTo(11.6, within(1e-9));
        EnergyDivergence.Split three = EnergyDivergence.best(Z, 2, 10, 3);
        assertThat(three.tau()).isEqualTo(7);
        assertThat(three.kappa()).isEqualTo(10);
        assertThat(three.q()).isCloseTo(3.8125, within(1e-9));
    }

    @Test
    void hasNoSplitInASegmentShorterThanTwoMinimumSegments() {
        assertThat(EnergyDivergence.best(Z, 0, 5, 3)).isNull();
        assertThat(EnergyDivergence.best(Z, 0, 6, 3)).isNotNull();
    }

    @Test
    void agreesWithTheDefiningFormulaOnRandomSeries() {
        Random random = new Random(11);
        for (int trial = 0; trial < 30; trial++) {
            double[] z = new double[8 + random.nextInt(30)];
            for (int i = 0; i < z.length; i++) {
                z[i] = 50 + random.nextGaussian() * 3 + (i > z.length / 2 ? trial % 5 : 0);
            }
            int from = random.nextInt(3);
            int minSegment = 2 + random.nextInt(2);
            EnergyDivergence.Split fast = EnergyDivergence.best(z, from, z.length, minSegment);
            EnergyDivergence.Split slow = bruteForce(z, from, z.length, minSegment);
            assertThat(fast.tau()).isEqualTo(slow.tau());
            assertThat(fast.kappa()).isEqualTo(slow.kappa());
            assertThat(fast.q()).isCloseTo(slow.q(), within(1e-9 * Math.max(1, Math.abs(slow.q()))));
        }
    }

    @Test
    void rejectsAMinimumSegmentBelowTwo() {
        assertThatThrownBy(() -> EnergyDivergence.best(Z, 0, Z.length, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Every (tau, kappa) scored from scratch, by the formula in the class comment. */
    private static EnergyDivergence.Split bruteForce(double[] z, int from, int to, int minSegment) {
        EnergyDivergence.Split best = null;
        for (int tau = from + minSegment; tau <= to - minSegment; tau++) {
            for (int kappa = tau + minSegment; kappa <= to; kappa++) {
                double between = 0;
                double withinX = 0;
                double withinY = 0;
                for (int i = from; i < tau; i++) {
                    for (int j = tau; j < kappa; j++) {
                        between += Math.abs(z[i] - z[j]);
                    }
                    for (int k = i + 1; k < tau; k++) {
                        withinX += Math.abs(z[i] - z[k]);
                    }
                }
                for (int j = tau; j < kappa; j++) {
                    for (int k = j + 1; k < kappa; k++) {
                        withinY += Math.abs(z[j] - z[k]);
                    }
                }
                double n = tau - from;
                double m = kappa - tau;
                double q = n * m / (n + m)
                        * (2 * between / (n * m) - withinX / (n * (n - 1) / 2) - withinY / (m * (m - 1) / 2));
                if (best == null || q > best.q() + 1e-12) {
                    best = new EnergyDivergence.Split(tau, kappa, q);
                }
            }
        }
        return best;
    }
}
