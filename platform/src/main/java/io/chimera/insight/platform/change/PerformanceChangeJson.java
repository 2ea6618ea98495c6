package io.chimera.insight.platform.change;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimera.insight.events.ChangeSegment;
import io.chimera.insight.events.PerformanceChange;
import java.util.Map;

/**
 * A {@code PerformanceChange} as JSON, one shape for the query API ({@code GET /models/{model}/changes})
 * and the report's {@code latest.json}: the event's fields, times ISO-8601, a non-finite number
 * {@code null}; {@code retractedAt} only on a retraction.
 */
public final class PerformanceChangeJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PerformanceChangeJson() {
    }

    public static ObjectNode of(PerformanceChange change) {
        ObjectNode json = NODES.objectNode();
        json.put("changeId", change.getChangeId());
        json.put("kind", change.getKind().name());
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
        if (change.getRetractedAt() != null) {
            json.put("retractedAt", change.getRetractedAt().toString());
        }
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
