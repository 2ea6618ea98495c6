package io.chimera.insight.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a reports folder says about the data, per model: runs, failed runs, and each metric's count
 * and mean, read from every {@code <model>/latest.json}. The narrative (LLM text, status) is left
 * out: what must not change between deployments is the figures.
 */
record ReportFigures(SortedMap<String, ModelFigures> models) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One model's figures; a metric is {@code count} values with mean {@code mean}. */
    record ModelFigures(long runs, long failedRuns, SortedMap<String, MetricFigures> metrics) {
    }

    record MetricFigures(long count, double mean) {
    }

    /** The figures of every report in {@code reports}. */
    static ReportFigures read(Path reports) {
        SortedMap<String, ModelFigures> models = new TreeMap<>();
        latestReports(reports).forEach(report -> models.put(report.path("model").asText(), figures(report)));
        return new ReportFigures(models);
    }

    /** The analysis status ({@code OK} once the LLM's narrative is in) of every report in {@code reports}, by model. */
    static SortedMap<String, String> statuses(Path reports) {
        SortedMap<String, String> statuses = new TreeMap<>();
        latestReports(reports).forEach(report -> statuses.put(report.path("model").asText(), report.path("status").asText()));
        return statuses;
    }

    /** Every {@code <model>/latest.json}, read whole (the report service replaces them atomically). */
    private static List<JsonNode> latestReports(Path reports) {
        List<JsonNode> latest = new ArrayList<>();
        if (!Files.isDirectory(reports)) {
            return latest;
        }
        try (Stream<Path> folders = Files.list(reports)) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                Path json = folder.resolve("latest.json");
                if (Files.isRegularFile(json)) {
                    latest.add(JSON.readTree(json.toFile()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the reports in " + reports, e);
        }
        return latest;
    }

    private static ModelFigures figures(JsonNode report) {
        SortedMap<String, MetricFigures> metrics = new TreeMap<>();
        for (Map.Entry<String, JsonNode> metric : report.path("metrics").properties()) {
            metrics.put(metric.getKey(), new MetricFigures(metric.getValue().path("count").asLong(),
                    metric.getValue().path("mean").asDouble()));
        }
        return new ModelFigures(report.path("runs").asLong(), report.path("failedRuns").asLong(), metrics);
    }
}
