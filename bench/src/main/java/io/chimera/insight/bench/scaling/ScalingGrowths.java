package io.chimera.insight.bench.scaling;

import io.chimera.insight.bench.result.CostGrowth;
import io.chimera.insight.bench.result.Figure;
import io.chimera.insight.bench.result.PerRunCost;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

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
                .flatMap(c -> c.streamThreadMicros().isPresent()
                        ? Optional.of(c.streamThreadMicros().getAsDouble()) : Optional.empty()))
                .informative());
        rows.add(growth("aggregation wall per run " + series, points, p -> p.aggregation().map(PerRunCost::wallMicros))
                .figure());
        return rows;
    }

    private static CostGrowth growth(String what, List<ScalingPoint> points, Function<ScalingPoint, Optional<Double>> micros) {
        List<CostGrowth.Point> measured = points.stream().map(p -> new CostGrowth.Point(p.label(),
                micros.apply(p).map(OptionalDouble::of).orElse(OptionalDouble.empty()))).toList();
        return new CostGrowth(what + ": most growth over the first point", measured, ScalingPlan.MOST_GROWTH);
    }
}
