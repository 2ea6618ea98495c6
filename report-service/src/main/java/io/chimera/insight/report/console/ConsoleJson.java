package io.chimera.insight.report.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimera.insight.report.render.Figures;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The feeds the console's script polls: {@code /api/models.json} (the models table's rows, each
 * figure as a number and as the text the page prints) and {@code /api/ops.json} (the ops figures as
 * {@link OpsFigures} prints them). The script puts strings in place as text, never as markup.
 */
final class ConsoleJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConsoleJson() {
    }

    static String models(List<ModelRow> rows) throws JsonProcessingException {
        ArrayNode array = JSON.createArrayNode();
        for (ModelRow row : rows) {
            ObjectNode node = array.addObject();
            node.put("model", row.model()).put("slug", row.slug()).put("runs", row.runs())
                    .put("failedRuns", row.failedRuns());
            figure(node, "tps", row.tokensPerSP50(), "tok/s");
            figure(node, "ttft", row.ttftMsP50(), "ms");
            node.put("finding", row.finding());
            ObjectNode changes = node.putObject("changes");
            changes.put("text", row.changes().text()).put("statusClass", row.changes().statusClass());
            if (row.changes().sortValue() == null) {
                changes.putNull("value");
            } else {
                changes.put("value", row.changes().sortValue());
            }
            node.put("status", row.status()).put("statusText", row.statusText())
                    .put("statusClass", ModelsPage.statusClass(row.status())).put("updated", row.updated().toString())
                    .put("updatedText", row.updated().truncatedTo(ChronoUnit.SECONDS).toString()
                            .replace('T', ' ').replace("Z", ""));
        }
        return JSON.writeValueAsString(JSON.createObjectNode().set("models", array));
    }

    private static void figure(ObjectNode node, String name, Double value, String unit) {
        ObjectNode figure = node.putObject(name);
        if (value == null) {
            figure.putNull("value");
        } else {
            figure.put("value", value);
        }
        figure.put("text", value == null ? "–" : Figures.format(value));
        figure.put("unit", unit);
    }

    static String ops(OpsFigures figures) throws JsonProcessingException {
        ObjectNode root = JSON.createObjectNode();
        root.put("window", figures.window());
        ObjectNode tiles = root.putObject("tiles");
        figures.tiles().forEach(tiles::put);
        ObjectNode sparks = root.putObject("sparks");
        figures.sparks().forEach((id, spark) -> sparks.putObject(id).put("points", spark.points())
                .put("max", spark.max()));
        counts(root.putArray("inflight"), figures.inflight());
        counts(root.putArray("deadLetters"), figures.deadLetters());
        return JSON.writeValueAsString(root);
    }

    private static void counts(ArrayNode array, Map<String, Double> counts) {
        counts.forEach((name, count) -> array.addObject().put("name", name).put("count", Figure.text(count, "")));
    }
}
