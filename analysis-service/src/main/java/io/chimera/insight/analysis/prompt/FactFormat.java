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
 * The rounding is that of the decimal {@link Double#toString} writes ({@link BigDecimal#valueOf}), so
 * {@code 1.005} rounds up to {@code 1.01} although the double is a little below 1.005.
 *
 * <p>Most values are rounded in {@code double} arithmetic: scaled by the power of ten that leaves the
 * kept digits before the point, the value is rounded to the nearest whole number. That is the
 * decimal's rounding whenever the scaled value is not within a few units in the last place of a half
 * (the decimal and the double differ by less than half a unit in the double's last place). The rest
 * (near halves, very large or very small values) go through {@link BigDecimal}. The verifier's fact
 * book rounds every figure of a model this way, once per analysis: through {@code BigDecimal} alone it
 * was a large share of the analysis service's CPU and allocation per analysis (JFR, bench step 9).
 */
public final class FactFormat {

    private static final int DECIMALS = 2;
    private static final int SIGNIFICANT_DIGITS = 3;
    private static final MathContext SMALL_VALUES = new MathContext(SIGNIFICANT_DIGITS, RoundingMode.HALF_UP);
    /** Powers of ten exactly representable as doubles: 10^0 … 10^22. */
    private static final double[] POWERS_OF_TEN = new double[23];
    /** Scaled values from here on go through BigDecimal: the double's last place is then a sizeable fraction. */
    private static final double LARGEST_SCALED = 0x1p52;
    /** How close to a half (in units in the last place of the scaled value) the double cannot decide. */
    private static final int NEAR_HALF_ULPS = 8;

    static {
        double power = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = power;
            power *= 10;
        }
    }

    private FactFormat() {
    }

    public static String number(double value) {
        return appendNumber(new StringBuilder(), value).toString();
    }

    /**
     * Appends {@link #number(double)} of {@code value} to {@code out}: the prompt writes some 700 numbers,
     * each a string and a builder of its own until copied into the line (JFR of {@code PromptBenchmark}).
     */
    public static StringBuilder appendNumber(StringBuilder out, double value) {
        if (!Double.isFinite(value)) {
            return out.append("n/a");
        }
        Rounded rounded = Rounded.of(value);
        if (rounded == null) {
            return out.append(exactly(value).toPlainString());
        }
        rounded.appendTo(out);
        return out;
    }

    /** The value exactly as {@link #number(double)} writes it; NaN for non-finite input. */
    public static double displayed(double value) {
        if (!Double.isFinite(value)) {
            return Double.NaN;
        }
        Rounded rounded = Rounded.of(value);
        return rounded == null ? exactly(value).doubleValue() : rounded.doubleValue();
    }

    /** The rule through {@link BigDecimal}: the reference, and the way for the values {@link Rounded} leaves. */
    static BigDecimal exactly(double value) {
        // valueOf uses the decimal Double.toString writes, so 0.1 stays 0.1 rather than 0.1000000000000000055…
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

    /**
     * A value rounded by the rule: {@code unscaled × 10^-scale}, trailing zeros dropped, or null when
     * double arithmetic cannot tell how the decimal rounds.
     */
    private record Rounded(long unscaled, int scale) {

        static Rounded of(double value) {
            double magnitude = Math.abs(value);
            int scale;
            if (magnitude >= 1 || value == 0) {
                scale = DECIMALS;
            } else {
                // The scale that puts the three significant digits before the point (0.0012345 → 123.45).
                scale = SIGNIFICANT_DIGITS - 1 - (int) Math.floor(Math.log10(magnitude));
                if (scale >= POWERS_OF_TEN.length) {
                    return null;
                }
            }
            double scaled = magnitude * POWERS_OF_TEN[scale];
            if (!(scaled < LARGEST_SCALED)) {
                return null;
            }
            if (magnitude < 1 && value != 0 && (scaled < 100 || scaled >= 1000)) {
                return null; // log10 was off by one next to a power of ten
            }
            if (Math.abs(scaled - Math.floor(scaled) - 0.5) <= NEAR_HALF_ULPS * Math.ulp(scaled)) {
                return null; // a half, or too close to one: the decimal decides (half-up)
            }
            long unscaled = Math.round(scaled);
            while (scale > 0 && unscaled % 10 == 0) {
                unscaled /= 10;
                scale--;
            }
            return new Rounded(value < 0 ? -unscaled : unscaled, unscaled == 0 ? 0 : scale);
        }

        /**
         * The nearest double to the decimal: both operands are exact, and a division is correctly
         * rounded (which is how {@link BigDecimal#doubleValue} computes a decimal of this size).
         */
        double doubleValue() {
            return unscaled / POWERS_OF_TEN[scale];
        }

        /** Writes the value to {@code text}: its digits with the point {@code scale} from the right, no exponent. */
        void appendTo(StringBuilder text) {
            String digits = Long.toString(Math.abs(unscaled));
            if (unscaled < 0) {
                text.append('-');
            }
            if (scale == 0) {
                text.append(digits);
                return;
            }
            if (digits.length() <= scale) {
                text.append("0.");
                for (int zeros = scale - digits.length(); zeros > 0; zeros--) {
                    text.append('0');
                }
                text.append(digits);
                return;
            }
            int point = digits.length() - scale;
            text.append(digits, 0, point).append('.').append(digits, point, digits.length());
        }
    }
}
