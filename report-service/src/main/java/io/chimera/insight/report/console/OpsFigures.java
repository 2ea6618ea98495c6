package io.chimera.insight.report.console;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The ops page's figures as text and its time series as SVG polyline points: computed once here,
 * for the page served and for {@code /api/ops.json} alike, so the script only puts them in place.
 *
 * @param tiles  tile id to the figure shown, unit included
 * @param sparks series id to its chart
 */
record OpsFigures(Map<String, String> tiles, Map<String, Spark> sparks, Map<String, Double> inflight,
                  Map<String, Double> deadLetters, String window) {

    /** Width and height of a sparkline's view box. */
    static final int WIDTH = 300;
    static final int HEIGHT = 60;

    /** A series: its points in the view box, and the top of its scale as text. */
    record Spark(String points, String max) {
    }

    /** One tile: its id, its title, and how its text is taken from the view. */
    record Tile(String id, String title, Function<OpsView, String> text) {
    }

    /** One series: its id, its title, its value at a point, and how a value is printed. */
    record Series(String id, String title, Function<OpsView.Point, Double> value, Function<Double, String> text) {
    }

    static final List<Tile> TILES = List.of(
            new Tile("lag-p50", "Generation lag p50", v -> Figure.millis(v.lagMsP50())),
            new Tile("lag-p99", "Generation lag p99", v -> Figure.millis(v.lagMsP99())),
            new Tile("files-rate", "Files", v -> Figure.text(v.filesPerS(), "/s")),
            new Tile("runs-rate", "Runs", v -> Figure.text(v.runsPerS(), "/s")),
            new Tile("inflight", "LLM calls in flight", v -> v.inflight().isEmpty() ? "–"
                    : Figure.text(v.inflight().values().stream().mapToDouble(Double::doubleValue).sum(), "")),
            new Tile("ttft", "TTFT p50, recent calls", v -> Figure.millis(v.ttftMsP50())),
            new Tile("tps", "Tokens/s p50, recent calls", v -> Figure.text(v.tokensPerSP50(), "tok/s")),
            new Tile("lag-total", "Lag since start p50 / p99", v -> Figure.millis(v.lagMsP50Total()) + " / "
                    + Figure.millis(v.lagMsP99Total()) + " (" + v.reports() + " reports)"));

    static final List<Series> SERIES = List.of(
            new Series("files-rate", "files/s", OpsView.Point::filesPerS, v -> Figure.text(v, "/s")),
            new Series("runs-rate", "runs/s", OpsView.Point::runsPerS, v -> Figure.text(v, "/s")),
            new Series("inflight", "LLM calls in flight", OpsView.Point::inflight, v -> Figure.text(v, "")),
            new Series("lag-p50", "generation lag p50", OpsView.Point::lagMsP50, Figure::millis),
            new Series("ttft", "TTFT p50", OpsView.Point::ttftMsP50, Figure::millis),
            new Series("tps", "tokens/s p50", OpsView.Point::tokensPerSP50, v -> Figure.text(v, "tok/s")));

    static OpsFigures of(OpsView view) {
        Map<String, String> tiles = new LinkedHashMap<>();
        TILES.forEach(tile -> tiles.put(tile.id(), tile.text().apply(view)));
        Map<String, Spark> sparks = new LinkedHashMap<>();
        SERIES.forEach(series -> sparks.put(series.id(), spark(view, series)));
        return new OpsFigures(tiles, sparks, view.inflight(), view.deadLetters(),
                view.window().toSeconds() + " s");
    }

    /**
     * The series over the last {@link OpsHistory#KEPT}, right edge now, scaled from zero to its
     * largest value; a point without a value (nothing recorded) breaks nothing, it is left out.
     */
    private static Spark spark(OpsView view, Series series) {
        Instant left = view.at().minus(OpsHistory.KEPT);
        double span = OpsHistory.KEPT.toMillis();
        double max = view.points().stream().map(series.value()).filter(v -> v != null && !v.isNaN())
                .mapToDouble(Double::doubleValue).max().orElse(0);
        double top = max > 0 ? max : 1;
        StringBuilder points = new StringBuilder();
        for (OpsView.Point point : view.points()) {
            Double value = series.value().apply(point);
            if (value == null || value.isNaN()) {
                continue;
            }
            double x = Duration.between(left, point.at()).toMillis() / span * WIDTH;
            double y = HEIGHT - 2 - value / top * (HEIGHT - 6);
            points.append(points.isEmpty() ? "" : " ").append(Math.round(x * 10) / 10.0).append(',')
                    .append(Math.round(y * 10) / 10.0);
        }
        return new Spark(points.toString(), series.text().apply(max));
    }
}
