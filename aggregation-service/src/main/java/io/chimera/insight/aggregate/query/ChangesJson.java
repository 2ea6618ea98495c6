package io.chimera.insight.aggregate.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimera.insight.aggregate.topology.ChangeEvents;
import io.chimera.insight.events.ChangeSegment;
import io.chimera.insight.events.PerformanceChange;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /models/{model}/changes}: the model's performance changes that stand (published and not
 * retracted), newest first (by the time of the first run after the change), with the fields of the
 * {@code performance-changes} event. Times are ISO-8601; a non-finite number is {@code null}.
 */
final class ChangesJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ChangesJson() {
    }

    static ObjectNode changes(String model, List<PerformanceChange> changes) {
        ObjectNode json = NODES.objectNode();
        json.put("model", model);
        ArrayNode list = json.putArray("changes");
        changes.stream().sorted(ChangeEvents.NEWEST_FIRST).forEach(change -> list.add(change(change)));
        return json;
    }

    private static ObjectNode change(PerformanceChange change) {
        ObjectNode json = NODES.objectNode();
        json.put("changeId", change.getChangeId());
        json.put("metric", change.getMetric());
        json.put("unit", change.getUnit());
        json.put("configKey", change.getConfigKey());
        ObjectNode config = json.putObject("config");
        change.getConfig().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> config.put(entry.getKey(), entry.getValue()));
        json.put("direction", change.getDirection().name());
        json.set("before", segment(change.getBefore()));
        json.set("after", segment(change.getAfter()));
        putNumber(json, "changePercent", change.getChangePercent());
        putNumber(json, "pValue", change.getPValue());
        json.put("test", change.getTest());
        json.put("firstRunId", change.getFirstRunId());
        json.put("firstRunPath", change.getFirstRunPath());
        json.put("firstRunAt", change.getFirstRunAt().toString());
        json.put("detectedAt", change.getDetectedAt().toString());
        return json;
    }

    private static ObjectNode segment(ChangeSegment segment) {
        ObjectNode json = NODES.objectNode();
        json.put("n", segment.getN());
        putNumber(json, "mean", segment.getMean());
        putNumber(json, "ciLow", segment.getCiLow());
        putNumber(json, "ciHigh", segment.getCiHigh());
        return json;
    }

    private static void putNumber(ObjectNode json, String field, Double value) {
        if (value == null || !Double.isFinite(value)) {
            json.putNull(field);
        } else {
            json.put(field, value);
        }
    }
}
