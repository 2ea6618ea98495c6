package io.chimera.insight.report.console;

import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * {@code /}: one row per model with its headline figures, from each {@code latest.json}. The table
 * is complete without JavaScript; the script sorts it by a clicked header and replaces its rows from
 * {@code /api/models.json} as reports are written.
 */
final class ModelsPage {

    private ModelsPage() {
    }

    static String render(List<ModelRow> rows) {
        StringBuilder body = new StringBuilder("<h1>Models</h1>");
        body.append("<p class=\"empty\" id=\"models-empty\"").append(rows.isEmpty() ? "" : " hidden").append('>')
                .append("No report yet. Drop benchmark files (CSV, JSON, NDJSON or Markdown) into a folder that "
                        + "<code>chimera up --watch DIR</code> watches: each model's report appears here within "
                        + "seconds, without reloading.</p>");
        body.append("<table class=\"models sortable\" id=\"models\"").append(rows.isEmpty() ? " hidden" : "")
                .append("><thead><tr>")
                .append(header("model", "Model", "text", false))
                .append(header("runs", "Runs", "num", true))
                .append(header("failed", "Failed", "num", true))
                .append(header("tps", "Tokens/s p50", "num", true))
                .append(header("ttft", "TTFT p50", "num", true))
                .append(header("finding", "Best configuration / sweep finding", "text", false))
                .append(header("changes", "Changes", "num", false))
                .append(header("status", "Report", "text", false))
                .append(header("updated", "Updated (UTC)", "text", false))
                .append("</tr></thead><tbody>");
        rows.forEach(row -> body.append(row(row)));
        body.append("</tbody></table>");
        return Page.render("Models", Page.Nav.MODELS, "models", body.toString());
    }

    private static String header(String key, String label, String type, boolean numeric) {
        return "<th scope=\"col\" data-key=\"" + key + "\" data-type=\"" + type + "\"" + (numeric ? " class=\"num\"" : "")
                + ">" + label + "</th>";
    }

    static String row(ModelRow row) {
        return "<tr data-slug=\"" + Html.escape(row.slug()) + "\">"
                + "<td data-value=\"" + Html.escape(row.model()) + "\"><a href=\"/models/" + Html.escape(row.slug())
                + "/\">" + Html.escape(row.model()) + "</a></td>"
                + Figure.count(row.runs(), false)
                + Figure.count(row.failedRuns(), row.failedRuns() > 0)
                + Figure.cell(row.tokensPerSP50(), "tok/s")
                + Figure.cell(row.ttftMsP50(), "ms")
                + "<td class=\"finding\" data-value=\"" + Html.escape(row.finding()) + "\">"
                + (row.finding().isEmpty() ? "–" : Html.escape(row.finding())) + "</td>"
                + changes(row.changes())
                + "<td data-value=\"" + Html.escape(row.statusText()) + "\"><span class=\"status "
                + statusClass(row.status()) + "\">" + Html.escape(row.statusText()) + "</span></td>"
                + "<td data-value=\"" + row.updated() + "\"><time datetime=\"" + row.updated() + "\">"
                + row.updated().truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ').replace("Z", "")
                + "</time></td></tr>";
    }

    /** The Changes cell: a red badge with any regression, green with improvements only, plain text otherwise. */
    static String changes(ModelChanges changes) {
        Long sortValue = changes.sortValue();
        String text = Html.escape(changes.text());
        return "<td class=\"changes\" data-value=\"" + (sortValue == null ? "" : sortValue) + "\">"
                + (changes.statusClass().isEmpty() ? text
                        : "<span class=\"status " + changes.statusClass() + "\">" + text + "</span>")
                + "</td>";
    }

    /** The colour of a report status: complete, narrative pending (no worker answered), narrative failed. */
    static String statusClass(String status) {
        return switch (status) {
            case "OK" -> "ok";
            case "LLM_UNAVAILABLE" -> "pending";
            default -> "failed";
        };
    }
}
