package io.chimera.insight.report.console;

import java.util.Map;

/**
 * {@code /ops}: the pipeline's own meters as they move: generation lag, files and runs per second,
 * LLM calls in flight, TTFT and tokens/s of recent calls, dead letters per stage, each series over
 * the last minutes as a small inline SVG chart. The script refreshes it from {@code /api/ops.json}.
 */
final class OpsPage {

    private OpsPage() {
    }

    static String render(OpsFigures figures) {
        StringBuilder body = new StringBuilder("<h1>Ops</h1><p class=\"muted\">Rates and percentiles over the last "
                + "<span id=\"window\">" + Html.escape(figures.window()) + "</span>; charts over the last "
                + OpsHistory.KEPT.toMinutes() + " minutes. A dash: nothing recorded yet, or the meter belongs to a "
                + "service that runs in another process.</p><section class=\"tiles\">");
        for (OpsFigures.Tile tile : OpsFigures.TILES) {
            body.append("<div class=\"tile\"><div class=\"tile-title\">").append(Html.escape(tile.title()))
                    .append("</div><div class=\"tile-value\" id=\"tile-").append(tile.id()).append("\">")
                    .append(Html.escape(figures.tiles().get(tile.id()))).append("</div></div>");
        }
        body.append("</section><section class=\"sparks\">");
        for (OpsFigures.Series series : OpsFigures.SERIES) {
            OpsFigures.Spark spark = figures.sparks().get(series.id());
            body.append("<figure class=\"spark\"><figcaption>").append(Html.escape(series.title()))
                    .append(" <span class=\"muted\">max <span id=\"max-").append(series.id()).append("\">")
                    .append(Html.escape(spark.max())).append("</span></span></figcaption>")
                    .append("<svg viewBox=\"0 0 ").append(OpsFigures.WIDTH).append(' ').append(OpsFigures.HEIGHT)
                    .append("\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"")
                    .append(Html.escape(series.title())).append(" over the last minutes\">")
                    .append("<line x1=\"0\" y1=\"").append(OpsFigures.HEIGHT - 2).append("\" x2=\"")
                    .append(OpsFigures.WIDTH).append("\" y2=\"").append(OpsFigures.HEIGHT - 2)
                    .append("\" class=\"axis\"/><polyline id=\"spark-").append(series.id()).append("\" points=\"")
                    .append(Html.escape(spark.points())).append("\"/></svg></figure>");
        }
        body.append("</section><div class=\"columns\"><section><h2>LLM calls in flight, by worker</h2>")
                .append(table("inflight", "worker", figures.inflight(),
                        "No LLM worker in this process yet: the analysis service registers each worker it calls."))
                .append("</section><section><h2>Dead letters since start, by stage</h2>")
                .append(table("dead-letters", "stage", figures.deadLetters(),
                        "No dead-letter meter in this process."))
                .append("<p><a href=\"").append(WebConsole.DEAD_LETTERS_PATH)
                .append("\">What could not be used, and why</a></p></section></div>");
        return Page.render("Ops", Page.Nav.OPS, "ops", body.toString());
    }

    private static String table(String id, String what, Map<String, Double> counts, String empty) {
        StringBuilder html = new StringBuilder("<p class=\"empty\" id=\"" + id + "-empty\""
                + (counts.isEmpty() ? "" : " hidden") + ">" + Html.escape(empty) + "</p><table id=\"" + id + "\""
                + (counts.isEmpty() ? " hidden" : "") + "><thead><tr><th scope=\"col\">" + what
                + "</th><th scope=\"col\" class=\"num\">count</th></tr></thead><tbody>");
        counts.forEach((name, count) -> html.append("<tr><td>").append(Html.escape(name)).append("</td>")
                .append(Figure.cell(count, "")).append("</tr>"));
        return html.append("</tbody></table>").toString();
    }
}
