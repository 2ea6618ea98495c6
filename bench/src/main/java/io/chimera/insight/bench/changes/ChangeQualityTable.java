package io.chimera.insight.bench.changes;

import io.chimera.insight.bench.result.Percentiles;
import io.chimera.insight.bench.result.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The two Markdown tables of {@code chimera bench changes}: steps found over noise × step, and false
 * alarms on stationary series, each row judged against issue 16's targets where one applies.
 */
final class ChangeQualityTable {

    /** The targets: 3σ steps within 5 runs, 2σ within 10, both for 95 % of steps; 1 alarm per 1,000 runs. */
    static final double SHARE = 0.95;
    static final int RUNS_3_SIGMA = 5;
    static final int RUNS_2_SIGMA = 10;
    static final double ALARMS_PER_1000 = 1.0;

    private final ChangeQualityOptions options;
    private int misses;

    ChangeQualityTable(ChangeQualityOptions options) {
        this.options = options;
    }

    int misses() {
        return misses;
    }

    String steps(List<ChangeQualityProbe.StepCell> cells) {
        StringBuilder md = new StringBuilder();
        md.append("| noise CV | step | step ÷ σ | found ≤ 5 runs | found ≤ 10 runs | found ≤ ").append(options.follow())
                .append(" runs | still reported after ").append(options.follow())
                .append(" | delay p50 | delay p95 | target | result |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (ChangeQualityProbe.StepCell cell : cells) {
            double sigmas = cell.step() / cell.cv();
            double within5 = share(cell.delays(), RUNS_3_SIGMA);
            double within10 = share(cell.delays(), RUNS_2_SIGMA);
            String target;
            Verdict verdict;
            if (cell.step() + 1e-12 < options.settings().minEffect()) {
                target = "none: below the minimum effect";
                verdict = Verdict.INFO;
            } else if (sigmas >= 3 - 1e-9) {
                target = "≥ 95 % within 5 runs";
                verdict = within5 >= SHARE ? Verdict.PASS : Verdict.MISS;
            } else if (sigmas >= 2 - 1e-9) {
                target = "≥ 95 % within 10 runs";
                verdict = within10 >= SHARE ? Verdict.PASS : Verdict.MISS;
            } else {
                target = "none: under 2σ";
                verdict = Verdict.INFO;
            }
            if (verdict == Verdict.MISS) {
                misses++;
            }
            md.append("| ").append(percent(cell.cv())).append(" | ").append(percent(cell.step())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f", sigmas)).append(" | ")
                    .append(percent(within5)).append(" | ").append(percent(within10)).append(" | ")
                    .append(percent(share(cell.delays(), options.follow()))).append(" | ")
                    .append(percent((double) cell.reportedAtLast() / cell.delays().length)).append(" | ")
                    .append(delay(cell.delays(), 50)).append(" | ").append(delay(cell.delays(), 95)).append(" | ")
                    .append(target).append(" | ").append(verdict.label()).append(" |\n");
        }
        return md.toString();
    }

    String stationary(List<ChangeQualityProbe.StationaryCell> cells) {
        StringBuilder md = new StringBuilder();
        md.append("| noise CV | stationary runs | false alarms | per 1,000 runs | distinct false changes | per 1,000 runs "
                + "| target | result |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (ChangeQualityProbe.StationaryCell cell : cells) {
            double rate = 1000.0 * cell.alarms() / cell.runs();
            Verdict verdict = rate <= ALARMS_PER_1000 ? Verdict.PASS : Verdict.MISS;
            if (verdict == Verdict.MISS) {
                misses++;
            }
            md.append("| ").append(percent(cell.cv())).append(" | ").append(String.format(Locale.ROOT, "%,d", cell.runs()))
                    .append(" | ").append(cell.alarms()).append(" | ").append(String.format(Locale.ROOT, "%.2f", rate))
                    .append(" | ").append(cell.distinct()).append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f", 1000.0 * cell.distinct() / cell.runs()))
                    .append(" | ≤ 1 (false alarms) | ").append(verdict.label()).append(" |\n");
        }
        return md.toString();
    }

    private static double share(int[] delays, int within) {
        int found = 0;
        for (int delay : delays) {
            if (delay > 0 && delay <= within) {
                found++;
            }
        }
        return (double) found / delays.length;
    }

    /** A percentile of the delays, a step not found counting as later than any found. */
    private String delay(int[] delays, double p) {
        List<Double> samples = new ArrayList<>(delays.length);
        for (int delay : delays) {
            samples.add(delay > 0 ? delay : Double.POSITIVE_INFINITY);
        }
        double value = new Percentiles(samples).at(p);
        return Double.isInfinite(value) ? "> " + options.follow() : String.format(Locale.ROOT, "%.0f", value);
    }

    private static String percent(double fraction) {
        double value = Math.round(fraction * 1000) / 10.0;
        return (value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value)) + " %";
    }
}
