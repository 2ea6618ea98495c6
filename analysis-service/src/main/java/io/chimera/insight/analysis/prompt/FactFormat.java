package io.chimera.insight.analysis.prompt;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * How numbers are written in the prompt. The rule is fixed so the verifier can recognise the LLM
 * copying them:
 * <ul>
 *   <li>|v| ≥ 1 (and 0): rounded half-up to 2 decimal places ({@code 4633.274 → 4633.27},
 *       {@code 85.2 → 85.2}, {@code 120.0 → 120});</li>
 *   <li>0 &lt; |v| &lt; 1: rounded half-up to 3 significant digits ({@code 0.0012345 → 0.00123});</li>
 *   <li>trailing zeros dropped, no thousands separators, '.' as decimal point, never exponent
 *       notation; NaN and infinities as {@code n/a}.</li>
 * </ul>
 */
public final class FactFormat {

    private static final int DECIMALS = 2;
    private static final MathContext SMALL_VALUES = new MathContext(3, RoundingMode.HALF_UP);

    private FactFormat() {
    }

    public static String number(double value) {
        if (!Double.isFinite(value)) {
            return "n/a";
        }
        return rounded(value).toPlainString();
    }

    /** The value exactly as {@link #number(double)} writes it; NaN for non-finite input. */
    public static double displayed(double value) {
        return Double.isFinite(value) ? rounded(value).doubleValue() : Double.NaN;
    }

    private static BigDecimal rounded(double value) {
        // valueOf uses the shortest decimal that round-trips, so 0.1 stays 0.1 rather than 0.1000000000000000055…
        BigDecimal exact = BigDecimal.valueOf(value);
        BigDecimal result = Math.abs(value) >= 1 || value == 0
                ? exact.setScale(DECIMALS, RoundingMode.HALF_UP)
                : exact.round(SMALL_VALUES);
        result = result.stripTrailingZeros();
        if (result.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return result.scale() < 0 ? result.setScale(0, RoundingMode.UNNECESSARY) : result;
    }
}
