package io.chimera.insight.bench.result;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;

/**
 * How much one cost per run grows along a series of growing work (1,000 then 10,000 then 50,000
 * files, say), judged against a most: each point's cost over the first point's (the smallest work),
 * the largest of those ratios. A cost that falls as the work grows passes: what issue 17 rules out
 * is a run that gets dearer the more there is, and the smallest point, which carries the fixed costs
 * of a pipeline (first transactions, Kafka Streams' first commits, first emissions) over the fewest
 * runs, is the dearest per run when the costs are flat. A growth anywhere in the series counts, a
 * hump in the middle too. The band (largest ÷ smallest, whichever way) is shown beside it, not
 * judged. A point whose measure failed has no cost; the series then misses whatever the other points
 * say, because a cost that cannot be paid is not flat.
 *
 * @param what   the series and the cost, for the table
 * @param points each point's label and cost (empty: the measure failed there), the smallest work first
 * @param most   the largest growth that passes (1.5: within 1.5× of the first point)
 */
public record CostGrowth(String what, List<Point> points, double most) {

    /** One point of the series: its label ("10,000 files") and its cost per run, if it was measured. */
    public record Point(String label, OptionalDouble cost) {
    }

    public CostGrowth {
        points = List.copyOf(points);
    }

    /**
     * The largest cost of any point over the first point's cost (1 when no later point costs more);
     * empty with fewer than two measured points, or when the first point has no cost to compare with.
     */
    public OptionalDouble growth() {
        if (measured() < 2 || points.get(0).cost().isEmpty()) {
            return OptionalDouble.empty();
        }
        double first = points.get(0).cost().getAsDouble();
        return OptionalDouble.of(costs().max().orElseThrow() / first);
    }

    /**
     * Whether every later point costs less per run than the first: the cost falls. Never with a failed
     * point: a series whose largest work could not be measured has not been seen to fall.
     */
    public boolean falls() {
        return growth().isPresent() && !failed()
                && points.stream().skip(1).allMatch(p -> p.cost().getAsDouble() < points.get(0).cost().getAsDouble());
    }

    /** Largest ÷ smallest cost of the measured points, whichever way: informative only. */
    public OptionalDouble band() {
        if (measured() < 2) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(costs().max().orElseThrow() / costs().min().orElseThrow());
    }

    /** Whether a point could not be measured. */
    public boolean failed() {
        return points.stream().anyMatch(p -> p.cost().isEmpty());
    }

    /**
     * The table's row: "1.00×, falls; band 1.71× (1,000 files: 112.2 µs; 10,000 files: 65.5 µs)";
     * pass when every point was measured and the growth is within {@link #most}.
     */
    public Figure figure() {
        String target = String.format(Locale.ROOT, "≤ %.1f×", most);
        if (measured() < 2 && !failed()) {
            return Figure.info(what, value() + "; fewer than two points");
        }
        double judged = failed() ? Double.POSITIVE_INFINITY : growth().getAsDouble();
        return Figure.atMost(what, value() + (failed() ? "; a point failed" : ""), judged, most, target);
    }

    /**
     * The same row, growth and all, not judged: a cost shown beside the one the target judges (the
     * aggregation's stream threads' own CPU beside the process's), so that the table says how much of a
     * growth is the measured code's own without moving the verdict.
     */
    public Figure informative() {
        return Figure.info(what, value() + (failed() ? "; a point failed" : "")
                + (measured() < 2 && !failed() ? "; fewer than two points" : "") + "; informative");
    }

    private String value() {
        String values = points.stream().map(p -> p.label() + ": " + (p.cost().isPresent()
                        ? String.format(Locale.ROOT, "%,.1f µs", p.cost().getAsDouble()) : "failed"))
                .collect(Collectors.joining("; "));
        OptionalDouble growth = growth();
        OptionalDouble band = band();
        return (growth.isPresent() ? Units.decimal(growth.getAsDouble()) + "×" : "—")
                + (falls() ? ", falls" : "")
                + (band.isPresent() ? "; band " + Units.decimal(band.getAsDouble()) + "× (informative)" : "")
                + " (" + values + ")";
    }

    private DoubleStream costs() {
        return points.stream().filter(p -> p.cost().isPresent()).mapToDouble(p -> p.cost().getAsDouble());
    }

    private long measured() {
        return costs().count();
    }
}
