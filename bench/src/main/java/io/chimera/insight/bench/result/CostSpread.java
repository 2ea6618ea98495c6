package io.chimera.insight.bench.result;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * How far one cost per run moves along a series of growing work (1,000 then 10,000 files, say): the
 * largest over the smallest, judged against a most. A point whose measure failed has no cost; the
 * series then misses whatever the other points say, because a cost that cannot be paid is not flat.
 *
 * @param what   the series and the cost, for the table
 * @param points each point's label and cost (empty: the measure failed there)
 * @param most   the largest ratio that passes (1.5: within 1.5×)
 */
public record CostSpread(String what, List<Point> points, double most) {

    /** One point of the series: its label ("10,000 files") and its cost per run, if it was measured. */
    public record Point(String label, OptionalDouble cost) {
    }

    public CostSpread {
        points = List.copyOf(points);
    }

    /** Largest ÷ smallest cost of the measured points; empty with fewer than two. */
    public OptionalDouble ratio() {
        List<Double> costs = measured();
        if (costs.size() < 2) {
            return OptionalDouble.empty();
        }
        double smallest = costs.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double largest = costs.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return OptionalDouble.of(largest / smallest);
    }

    /** Whether a point could not be measured. */
    public boolean failed() {
        return points.stream().anyMatch(p -> p.cost().isEmpty());
    }

    /** The table's row: pass when every point was measured and the ratio is within {@link #most}. */
    public Figure figure() {
        String target = String.format(Locale.ROOT, "≤ %.1f×", most);
        String values = points.stream().map(p -> p.label() + ": " + (p.cost().isPresent()
                        ? String.format(Locale.ROOT, "%,.1f µs", p.cost().getAsDouble()) : "failed"))
                .collect(Collectors.joining("; "));
        OptionalDouble ratio = ratio();
        String value = (ratio.isPresent() ? Units.decimal(ratio.getAsDouble()) + "×" : "—") + " (" + values + ")";
        if (ratio.isEmpty() && !failed()) {
            return Figure.info(what, value + "; fewer than two points");
        }
        double judged = failed() ? Double.POSITIVE_INFINITY : ratio.getAsDouble();
        return Figure.atMost(what, value + (failed() ? "; a point failed" : ""), judged, most, target);
    }

    private List<Double> measured() {
        List<Double> costs = new ArrayList<>();
        points.forEach(p -> p.cost().ifPresent(costs::add));
        return costs;
    }
}
