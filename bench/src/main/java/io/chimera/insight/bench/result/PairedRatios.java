package io.chimera.insight.bench.result;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The ratios of a figure to its limit over paired repeats: in each repeat the limit and the figure
 * are measured one right after the other, so a spell of load from outside the bench lowers both
 * sides of one ratio rather than one side of all. The figure is the median ratio; the spread
 * (smallest to largest) says how much the machine moved meanwhile.
 *
 * @param ratios figure ÷ limit, one per repeat, in the order measured
 */
public record PairedRatios(List<Double> ratios) {

    public PairedRatios {
        if (ratios.isEmpty()) {
            throw new IllegalArgumentException("no repeats");
        }
        ratios = List.copyOf(ratios);
    }

    /** Pairs {@code measured.get(i)} with {@code limits.get(i)}. */
    public static PairedRatios of(List<Double> measured, List<Double> limits) {
        if (measured.size() != limits.size()) {
            throw new IllegalArgumentException(measured.size() + " figures for " + limits.size() + " limits: "
                    + "each repeat pairs one of each");
        }
        List<Double> ratios = new ArrayList<>(measured.size());
        for (int i = 0; i < measured.size(); i++) {
            if (!(limits.get(i) > 0)) {
                throw new IllegalArgumentException("repeat " + (i + 1) + ": the limit must be positive, was "
                        + limits.get(i));
            }
            ratios.add(measured.get(i) / limits.get(i));
        }
        return new PairedRatios(ratios);
    }

    /** The middle ratio; with an even count, the mean of the two middle ones. */
    public double median() {
        return median(ratios);
    }

    public double min() {
        return Collections.min(ratios);
    }

    public double max() {
        return Collections.max(ratios);
    }

    /** "0.652 (0.610–0.702 over 3 paired repeats)". */
    public String describe() {
        return Units.ratio(median()) + " (" + Units.ratio(min()) + "–" + Units.ratio(max()) + " over "
                + ratios.size() + " paired repeats)";
    }

    /** The median of {@code values} (the mean of the two middle ones for an even count). */
    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
