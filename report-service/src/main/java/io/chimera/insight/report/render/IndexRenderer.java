package io.chimera.insight.report.render;

import static io.chimera.insight.report.render.MarkdownText.cell;

import java.util.Comparator;
import java.util.List;

/** {@code reports/index.md}: every model with its headline figures and a link to its report. */
public final class IndexRenderer {

    /**
     * One line of the index. Figures are empty strings when the data lacks them; {@code changes} is
     * the standing performance changes by direction ({@link ChangeCounts}), empty when change
     * detection did not run for the report.
     */
    public record Entry(String model, String slug, long runs, long failedRuns, String tokensPerSP50,
                        String ttftMsP50, String bestConfig, String changes, String status, String updated) {
    }

    public String render(List<Entry> entries) {
        StringBuilder md = new StringBuilder("# Benchmark reports\n\n");
        if (entries.isEmpty()) {
            return md.append("No report yet.\n").toString();
        }
        md.append("| model | runs | failed | tokens/s p50 | TTFT p50 (ms) | best config | changes | status | updated |\n");
        md.append("|---|---:|---:|---:|---:|---|---|---|---|\n");
        entries.stream().sorted(Comparator.comparing(Entry::model)).forEach(e -> md.append("| [")
                .append(cell(e.model())).append("](").append(e.slug()).append("/latest.md) | ").append(e.runs())
                .append(" | ").append(e.failedRuns()).append(" | ").append(dash(e.tokensPerSP50()))
                .append(" | ").append(dash(e.ttftMsP50())).append(" | ").append(cell(dash(e.bestConfig())))
                .append(" | ").append(dash(e.changes()))
                .append(" | ").append(cell(e.status())).append(" | ").append(e.updated()).append(" |\n"));
        return md.toString();
    }

    private static String dash(String value) {
        return value == null || value.isEmpty() ? "–" : value;
    }
}
