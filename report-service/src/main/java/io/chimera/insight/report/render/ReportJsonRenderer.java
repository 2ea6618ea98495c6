package io.chimera.insight.report.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.stats.BestConfig;
import io.chimera.insight.platform.stats.ComparedMetric;
import io.chimera.insight.platform.stats.ConfigComparison;
import io.chimera.insight.platform.stats.ConfigDelta;
import io.chimera.insight.report.inventory.FileFacts;
import io.chimera.insight.report.inventory.Inventory;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The facts of a report for machines ({@code latest.json}): the same aggregate as the Markdown,
 * at full precision, with no narrative text. Keys are sorted so the file is deterministic.
 *
 * <p>Fields are only ever added (consumers read {@code model}, {@code runs}, {@code failedRuns},
 * {@code metrics.<name>.{count,mean,stddev,min,max,p50,p90,p95,p99,unit}} and {@code configs[]}).
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
            node.put("configKey", config.getConfigKey());
            ObjectNode map = node.putObject("config");
            new TreeMap<>(config.getConfig()).forEach(map::put);
            node.put("runs", config.getRuns());
            node.put("failedRuns", config.getFailedRuns());
            node.set("metrics", metricBlock(config.getMetrics()));
        }
        ArrayNode files = root.putArray("files");
        metrics.getFiles().forEach(files::add);
        root.put("firstSeen", metrics.getFirstSeen().toString());
        root.put("lastSeen", metrics.getLastSeen().toString());
        root.set("comparison", comparison(metrics));
        ArrayNode charts = root.putArray("charts");
        input.charts().forEach(chart -> charts.add(chart.fileName()));
        root.set("inventory", inventory(input.inventory()));
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write report JSON for " + metrics.getModel(), e);
        }
    }

    private static ObjectNode comparison(ModelMetrics metrics) {
        ConfigComparison comparison = ConfigComparison.of(metrics);
        ObjectNode node = JSON.createObjectNode();
        comparison.baseline().ifPresentOrElse(b -> node.set("baseline", config(b.getConfigKey(), b.getConfig())),
                () -> node.putNull("baseline"));
        ObjectNode best = node.putObject("best");
        best(best, Headlines.best(metrics, ComparedMetric.TOKENS_PER_S), ComparedMetric.TOKENS_PER_S);
        best(best, Headlines.best(metrics, ComparedMetric.TTFT_MS), ComparedMetric.TTFT_MS);
        ArrayNode deltas = node.putArray("deltas");
        for (ConfigDelta delta : comparison.deltas()) {
            ObjectNode d = deltas.addObject();
            d.put("configKey", delta.otherConfigKey());
            d.put("metric", delta.metric().name());
            d.put("unit", delta.unit());
            d.put("count", delta.otherCount());
            d.put("mean", delta.otherMean());
            d.put("baselineCount", delta.baselineCount());
            d.put("baselineMean", delta.baselineMean());
            d.put("difference", delta.difference());
            d.put("relativeDifference", delta.relativeDifference());
            d.put("pValue", delta.pValue());
            d.put("significant", delta.significant());
        }
        node.put("significanceLevel", ConfigComparison.SIGNIFICANCE_LEVEL);
        return node;
    }

    private static void best(ObjectNode best, Optional<BestConfig> winner, ComparedMetric metric) {
        winner.ifPresent(b -> {
            ObjectNode node = config(b.configKey(), b.config().getConfig());
            node.put("label", Headlines.configLabel(b.config()));
            node.put("mean", b.mean());
            node.put("count", b.stats().getCount());
            node.put("unit", b.unit());
            best.set(metric.name(), node);
        });
    }

    private static ObjectNode config(String configKey, Map<String, String> config) {
        ObjectNode node = JSON.createObjectNode();
        node.put("configKey", configKey);
        ObjectNode map = node.putObject("config");
        new TreeMap<>(config).forEach(map::put);
        return node;
    }

    private static ObjectNode inventory(Inventory inventory) {
        ObjectNode node = JSON.createObjectNode();
        node.put("complete", inventory.complete());
        inventory.latestModified().ifPresent(at -> node.put("latestModified", at.toString()));
        node.put("deadLetters", inventory.deadLetters());
        ObjectNode types = node.putObject("filesByType");
        inventory.byType().forEach((type, entries) -> types.put(type, entries.size()));
        ArrayNode files = node.putArray("files");
        for (Inventory.Entry entry : inventory.files()) {
            ObjectNode file = files.addObject();
            file.put("path", entry.path());
            file.put("type", entry.type());
            entry.facts().ifPresent(f -> facts(file, f));
        }
        return node;
    }

    private static void facts(ObjectNode file, FileFacts f) {
        file.put("format", f.format());
        file.put("sizeBytes", f.sizeBytes());
        file.put("modifiedAt", f.modifiedAt().toString());
        file.put("ingestedAt", f.ingestedAt().toString());
        file.put("status", f.status());
        file.put("runs", f.runs());
        file.put("failedRuns", f.failedRuns());
        file.put("deadLetters", f.deadLetters());
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
