package io.chimera.insight.report.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import java.util.Map;
import java.util.TreeMap;

/**
 * The facts of a report for machines ({@code latest.json}): the same aggregate as the Markdown,
 * at full precision, with no narrative text. Keys are sorted so the file is deterministic.
 */
public final class ReportJsonRenderer {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public String render(ReportInput input) {
        ModelMetrics metrics = input.metrics();
        ObjectNode root = JSON.createObjectNode();
        root.put("model", metrics.getModel());
        root.put("runs", metrics.getRuns());
        root.put("failedRuns", metrics.getFailedRuns());
        root.put("summaryRecords", metrics.getSummaryRecords());
        root.put("status", input.analysis().getStatus().name());
        root.put("analysisId", input.analysis().getAnalysisId());
        root.set("metrics", metricBlock(metrics.getMetrics()));
        ArrayNode configs = root.putArray("configs");
        for (ConfigStats config : metrics.getConfigs()) {
            ObjectNode node = configs.addObject();
            ObjectNode map = node.putObject("config");
            new TreeMap<>(config.getConfig()).forEach(map::put);
            node.put("runs", config.getRuns());
            node.put("failedRuns", config.getFailedRuns());
            node.set("metrics", metricBlock(config.getMetrics()));
        }
        ArrayNode files = root.putArray("files");
        metrics.getFiles().forEach(files::add);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write report JSON for " + metrics.getModel(), e);
        }
    }

    private static ObjectNode metricBlock(Map<String, MetricStats> stats) {
        ObjectNode block = JSON.createObjectNode();
        for (Map.Entry<String, MetricStats> entry : new TreeMap<>(stats).entrySet()) {
            MetricStats s = entry.getValue();
            ObjectNode node = block.putObject(entry.getKey());
            node.put("count", s.getCount());
            node.put("mean", s.getMean());
            node.put("stddev", s.getStddev());
            node.put("min", s.getMin());
            node.put("max", s.getMax());
            node.put("p50", s.getP50());
            node.put("p90", s.getP90());
            node.put("p95", s.getP95());
            node.put("p99", s.getP99());
            node.put("unit", s.getUnit());
        }
        return block;
    }
}
