package io.chimera.insight.aggregate.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import java.time.Instant;
import java.util.Map;

/**
 * The aggregate as the query API shows it: the figures a reader needs, without what only
 * merging needs (Welford's M2, the serialised sketch). Times are ISO-8601 strings; a time that
 * does not apply (nothing pending) and a non-finite number are {@code null}.
 */
final class ModelMetricsJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ModelMetricsJson() {
    }

    /** One line of {@code GET /models}: counts and times, no statistics. */
    static ObjectNode summary(ModelMetrics metrics) {
        ObjectNode json = NODES.objectNode();
        json.put("model", metrics.getModel());
        json.put("runs", metrics.getRuns());
        json.put("failedRuns", metrics.getFailedRuns());
        json.put("summaryRecords", metrics.getSummaryRecords());
        json.put("configCount", metrics.getConfigs().size());
        json.put("fileCount", metrics.getFiles().size());
        putTime(json, "firstSeen", metrics.getFirstSeen());
        putTime(json, "lastSeen", metrics.getLastSeen());
        putTime(json, "updatedAt", metrics.getUpdatedAt());
        return json;
    }

    /** {@code GET /models/{model}}: everything, per-config statistics included. */
    static ObjectNode model(ModelMetrics metrics) {
        ObjectNode json = NODES.objectNode();
        json.put("model", metrics.getModel());
        json.put("runs", metrics.getRuns());
        json.put("failedRuns", metrics.getFailedRuns());
        json.put("summaryRecords", metrics.getSummaryRecords());
        putTime(json, "firstSeen", metrics.getFirstSeen());
        putTime(json, "lastSeen", metrics.getLastSeen());
        putTime(json, "oldestPendingIngestAt", metrics.getOldestPendingIngestAt());
        putTime(json, "updatedAt", metrics.getUpdatedAt());
        ArrayNode files = json.putArray("files");
        metrics.getFiles().forEach(files::add);
        json.set("metrics", metrics(metrics.getMetrics()));
        json.set("configs", configs(metrics));
        return json;
    }

    /** The model's configurations, in the aggregate's order (by config key). */
    static ArrayNode configs(ModelMetrics metrics) {
        ArrayNode configs = NODES.arrayNode();
        for (ConfigStats config : metrics.getConfigs()) {
            ObjectNode json = configs.addObject();
            json.put("configKey", config.getConfigKey());
            ObjectNode values = json.putObject("config");
            config.getConfig().forEach(values::put);
            json.put("runs", config.getRuns());
            json.put("failedRuns", config.getFailedRuns());
            json.set("metrics", metrics(config.getMetrics()));
        }
        return configs;
    }

    static ObjectNode metrics(Map<String, MetricStats> metrics) {
        ObjectNode json = NODES.objectNode();
        metrics.forEach((name, stats) -> json.set(name, stats(stats)));
        return json;
    }

    static ObjectNode stats(MetricStats stats) {
        ObjectNode json = NODES.objectNode();
        json.put("unit", stats.getUnit());
        json.put("count", stats.getCount());
        putNumber(json, "mean", stats.getMean());
        putNumber(json, "stddev", stats.getStddev());
        putNumber(json, "min", stats.getMin());
        putNumber(json, "max", stats.getMax());
        putNumber(json, "p50", stats.getP50());
        putNumber(json, "p90", stats.getP90());
        putNumber(json, "p95", stats.getP95());
        putNumber(json, "p99", stats.getP99());
        return json;
    }

    /** JSON has no NaN or infinity; Jackson would write them as bare tokens that parsers reject. */
    static void putNumber(ObjectNode json, String field, Double value) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            json.putNull(field);
        } else {
            json.put(field, value.doubleValue());
        }
    }

    /** The epoch stands for "not applicable" in the Avro contract (fields default to 0). */
    private static void putTime(ObjectNode json, String field, Instant time) {
        if (time == null || time.toEpochMilli() == 0) {
            json.putNull(field);
        } else {
            json.put(field, time.toString());
        }
    }
}
