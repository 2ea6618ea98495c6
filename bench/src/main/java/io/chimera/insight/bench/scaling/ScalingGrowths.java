package io.chimera.insight.bench.scaling;

import io.chimera.insight.bench.result.CostGrowth;
import io.chimera.insight.bench.result.Figure;
import io.chimera.insight.bench.result.PerRunCost;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A scaling series' growth rows, one per cost: ingest CPU and wall, the aggregation's CPU (the process's,
 * judged against {@link ScalingPlan#MOST_GROWTH}), its stream threads' own CPU (informative) and its wall.
 *
 * <p>The stream threads' row is shown, not judged: issue 17 asks for the cost per run, and the process's
 * CPU is what a run costs the machine. It counts the JIT's compiler threads, whose share follows the wall
 * time of the window (C2 compiles Kafka's paths all along), the garbage collector and the broker, so the
 * stream threads' own figure beside it says how much of a growth is the aggregation's own work
 * (docs/benchmarks.md, "Costs as the work grows").
 */
public final class ScalingGrowths {

    private ScalingGrowths() {
    }

    /** The rows of {@code points} (the plan's order, the smallest work first), {@code series} naming them. */
    public static List<Figure> of(List<ScalingPoint> points, String series) {
        List<Figure> rows = new ArrayList<>();
        if (points.isEmpty()) {
            return rows;
        }
        rows.add(growth("ingest CPU per run " + series, points, p -> Optional.of(p.ingest()).map(PerRunCost::cpuMicros))
                .figure());
        rows.add(growth("ingest wall per run " + series, points, p -> Optional.of(p.ingest()).map(PerRunCost::wallMicros))
                .figure());
        rows.add(growth("aggregation CPU per run " + series, points, p -> p.aggregation().map(PerRunCost::cpuMicros))
                .figure());
        rows.add(growth("aggregation stream threads' CPU per run " + series, points, p -> p.aggregation()
                .flatMap(c -> present(c.streamThreadMicros())))
                .informative());
        rows.add(growth("aggregation wall per run " + series, points, p -> p.aggregation().map(PerRunCost::wallMicros))
                .figure());
        if (points.stream().anyMatch(p -> p.held().isPresent())) {
            rows.addAll(heldRows(points, series));
        }
        if (points.stream().anyMatch(p -> p.held().flatMap(HeldPass::fewTouched).isPresent())) {
            rows.addAll(fewTouchedRows(points, series));
        }
        return rows;
    }

    /**
     * A configurations series' second passes apart from its first ({@link HeldPass}): the per-run cost with the
     * configurations held, process and stream threads, then a configuration's life beyond its runs. Shown, not
     * judged: the judged row above stays the verdict, and these say which of its two parts grows.
     */
    private static List<Figure> heldRows(List<ScalingPoint> points, String series) {
        String held = " with the configurations held (second pass: as many runs again, into the same configurations) ";
        return List.of(
                growth("aggregation CPU per run" + held + series, points,
                        p -> p.held().map(h -> h.cost().cpuMicros())).informative(),
                growth("aggregation stream threads' CPU per run" + held + series, points,
                        p -> p.held().flatMap(h -> present(h.cost().streamThreadMicros()))).informative(),
                life("a configuration's life beyond its runs, aggregation CPU per configuration (first pass's CPU "
                        + "− second pass's per run × the runs, ÷ the configurations) " + series, points,
                        ScalingPoint::lifeMicros),
                life("a configuration's life beyond its runs, stream threads' CPU per configuration " + series, points,
                        ScalingPoint::streamLifeMicros));
    }

    /**
     * A configurations series' third passes ({@link HeldPass#fewTouched}): the per-run cost with every configuration
     * held and {@value HeldPass#FEW} touched, process and stream threads. Shown, not judged, as the second passes'.
     */
    private static List<Figure> fewTouchedRows(List<ScalingPoint> points, String series) {
        String few = " with the configurations held and " + HeldPass.FEW + " touched (third pass: as many runs again, into "
                + "the first " + HeldPass.FEW + " configurations only) ";
        return List.of(
                growth("aggregation CPU per run" + few + series, points,
                        p -> p.held().flatMap(HeldPass::fewTouched).map(PerRunCost::cpuMicros)).informative(),
                growth("aggregation stream threads' CPU per run" + few + series, points,
                        p -> p.held().flatMap(HeldPass::fewTouched).flatMap(c -> present(c.streamThreadMicros())))
                        .informative());
    }

    /**
     * A life row: its growth and band as any cost's, but only where every measured point is positive. A
     * figure at or below zero is the two passes' difference lost in the noise (at 10 configurations the
     * difference over 60,000 runs is divided by 10), and a ratio to it would mean nothing.
     */
    private static Figure life(String what, List<ScalingPoint> points, Function<ScalingPoint, OptionalDouble> micros) {
        List<CostGrowth.Point> measured = points.stream().map(p -> new CostGrowth.Point(p.label(), micros.apply(p)))
                .toList();
        CostGrowth growth = new CostGrowth(what + ": most growth over the first point", measured, ScalingPlan.MOST_GROWTH);
        if (measured.stream().allMatch(p -> p.cost().isEmpty() || p.cost().getAsDouble() > 0)) {
            return growth.informative();
        }
        return Figure.info(growth.what(), "no ratio: a point is not positive, its two passes' difference within the "
                + "noise (" + measured.stream().map(p -> p.label() + ": " + (p.cost().isPresent()
                        ? String.format(Locale.ROOT, "%,.1f µs", p.cost().getAsDouble()) : "failed"))
                .collect(Collectors.joining("; ")) + "); informative");
    }

    private static Optional<Double> present(OptionalDouble value) {
        return value.isPresent() ? Optional.of(value.getAsDouble()) : Optional.empty();
    }

    private static CostGrowth growth(String what, List<ScalingPoint> points, Function<ScalingPoint, Optional<Double>> micros) {
        List<CostGrowth.Point> measured = points.stream().map(p -> new CostGrowth.Point(p.label(),
                micros.apply(p).map(OptionalDouble::of).orElse(OptionalDouble.empty()))).toList();
        return new CostGrowth(what + ": most growth over the first point", measured, ScalingPlan.MOST_GROWTH);
    }
}
