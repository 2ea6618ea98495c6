package io.chimera.insight.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimera.insight.platform.metrics.CanonicalMetric;
import io.chimera.insight.report.render.ChangeCounts;
import io.chimera.insight.report.render.Figures;
import io.chimera.insight.report.render.IndexRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Rebuilds {@code index.md} from the {@code latest.json} files on disk, so the index stays true
 * across restarts and lists every model ever reported into the folder, not just this process's.
 */
public final class ReportIndex {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportIndex() {
    }

    static List<IndexRenderer.Entry> read(Path root) throws IOException {
        List<IndexRenderer.Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return entries;
        }
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                Path json = folder.resolve("latest.json");
                if (Files.isRegularFile(json)) {
                    entries.add(entryOf(folder.getFileName().toString(), JSON.readTree(json.toFile()),
                            Files.getLastModifiedTime(folder.resolve("latest.md")).toInstant()));
                }
            }
        }
        return entries;
    }

    private static IndexRenderer.Entry entryOf(String slug, JsonNode report, Instant updated) {
        return new IndexRenderer.Entry(report.path("model").asText(), slug, report.path("runs").asLong(),
                report.path("failedRuns").asLong(), p50(report.path("metrics"), CanonicalMetric.TOKENS_PER_S),
                p50(report.path("metrics"), CanonicalMetric.TTFT_MS), bestConfig(report), changes(report),
                statusText(report.path("status").asText()), updated.truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /** The analysis status as a reader would say it. */
    public static String statusText(String analysisStatus) {
        return switch (analysisStatus) {
            case "OK" -> "complete";
            case "LLM_UNAVAILABLE" -> "narrative pending";
            case "LLM_FAILED" -> "narrative failed";
            default -> analysisStatus;
        };
    }

    private static String p50(JsonNode metrics, CanonicalMetric metric) {
        JsonNode stats = metrics.path(metric.canonicalName());
        return stats.isMissingNode() ? "" : Figures.format(stats.path("p50").asDouble());
    }

    /** The standing changes by direction; empty when the report's aggregate had no change detection. */
    private static String changes(JsonNode report) {
        if (!report.path("changeDetection").isObject()) {
            return "";
        }
        long regressions = 0;
        long improvements = 0;
        for (JsonNode change : report.path("changes")) {
            if (change.path("direction").asText().equals("REGRESSION")) {
                regressions++;
            } else {
                improvements++;
            }
        }
        return ChangeCounts.text(regressions, improvements);
    }

    /**
     * The best configuration for tokens/s as the report's comparison names it; empty when there is no choice.
     * The only configuration with 2 or more runs is named so, not passed off as best: the report ranks it
     * against nothing.
     */
    private static String bestConfig(JsonNode report) {
        JsonNode best = report.path("comparison").path("best").path(CanonicalMetric.TOKENS_PER_S.canonicalName());
        String label = best.path("label").asText("");
        return !label.isEmpty() && best.path("rankedAmong").asLong(2) == 1
                ? label + " (only one with 2+ runs: not ranked)" : label;
    }
}
