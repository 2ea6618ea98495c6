package io.chimera.insight.bench.result;

import java.util.Locale;

/** How the bench writes numbers: thousands separated, one or two decimals, binary sizes. */
public final class Units {

    private Units() {
    }

    public static String count(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    public static String rate(double perSecond, String what) {
        return String.format(Locale.ROOT, "%,.0f %s/s", perSecond, what);
    }

    /**
     * A ratio with three decimals, rounded down: every ratio target is a floor (≥ 0.8, ≥ 0.95), and
     * 0.9497 shown as "0.95" beside a miss would read as a contradiction.
     */
    public static String ratio(double value) {
        return String.format(Locale.ROOT, "%.3f", Math.floor(value * 1000 + 1e-9) / 1000); // 1e-9: binary 0.95
    }

    public static String millis(double value) {
        return value < 10 ? String.format(Locale.ROOT, "%.2f ms", value) : String.format(Locale.ROOT, "%,.0f ms", value);
    }

    public static String seconds(double value) {
        return String.format(Locale.ROOT, "%.2f s", value);
    }

    public static String bytes(long value) {
        if (value >= 1L << 30) {
            return String.format(Locale.ROOT, "%.2f GiB", value / (double) (1L << 30));
        }
        if (value >= 1L << 20) {
            return String.format(Locale.ROOT, "%.0f MiB", value / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%,d KiB", value / 1024);
    }

    public static String decimal(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
