package io.chimera.insight.aggregate.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimera.insight.events.PerformanceChange;
import io.chimera.insight.platform.change.PerformanceChangeJson;
import io.chimera.insight.platform.change.PerformanceChanges;
import java.util.List;

/**
 * {@code GET /models/{model}/changes}: the model's performance changes that stand (published and not
 * retracted), newest first (by the time of the first run after the change), with the fields of the
 * {@code performance-changes} event ({@link PerformanceChangeJson}).
 */
final class ChangesJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ChangesJson() {
    }

    static ObjectNode changes(String model, List<PerformanceChange> changes) {
        ObjectNode json = NODES.objectNode();
        json.put("model", model);
        ArrayNode list = json.putArray("changes");
        changes.stream().sorted(PerformanceChanges.NEWEST_FIRST).forEach(change -> list.add(PerformanceChangeJson.of(change)));
        return json;
    }
}
