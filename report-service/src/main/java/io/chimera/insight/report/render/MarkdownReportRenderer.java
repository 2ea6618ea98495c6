package io.chimera.insight.report.render;

import static io.chimera.insight.report.render.Figures.format;
import static io.chimera.insight.report.render.MarkdownText.cell;
import static io.chimera.insight.report.render.MarkdownText.inline;

import io.chimera.insight.events.AnalysisResult;
import io.chimera.insight.events.AnalysisStatus;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.LlmCall;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.events.Narrative;
import io.chimera.insight.events.Risk;
import io.chimera.insight.events.UnverifiedNumber;
import io.chimera.insight.events.Verification;
import java.util.List;
import java.util.Optional;

/**
 * Renders a model's report as Markdown. Deterministic: the same input gives the same bytes (no
 * wall-clock time inside), so a report is only rewritten when its content changes.
 */
public final class MarkdownReportRenderer {

    public String render(ReportInput input) {
        StringBuilder md = new StringBuilder(4096);
        ModelMetrics metrics = input.metrics();
        AnalysisResult analysis = input.analysis();
        header(md, metrics, analysis);
        summary(md, analysis);
        metricsTable(md, metrics);
        configs(md, metrics);
        narrativeSections(md, analysis.getNarrative());
        generation(md, analysis.getCall());
        provenance(md, metrics, analysis.getVerification());
        return md.toString();
    }

    private static void header(StringBuilder md, ModelMetrics metrics, AnalysisResult analysis) {
        md.append("# Benchmark report: ").append(inline(metrics.getModel())).append("\n\n");
        md.append("- Status: ").append(statusLine(analysis)).append('\n');
        md.append("- Runs: ").append(metrics.getRuns()).append(" (").append(metrics.getFailedRuns())
                .append(" failed) from ").append(metrics.getFiles().size()).append(" file(s)");
        if (metrics.getSummaryRecords() > 0) {
            md.append("; ").append(metrics.getSummaryRecords())
                    .append(" summary record(s) written by the rig are kept apart and not counted as runs");
        }
        md.append('\n');
        md.append("- Runs ingested from ").append(metrics.getFirstSeen()).append(" to ").append(metrics.getLastSeen())
                .append("; analysis ").append(inline(analysis.getAnalysisId())).append(" completed ")
                .append(analysis.getCompletedAt()).append("\n\n");
    }

    private static String statusLine(AnalysisResult analysis) {
        if (analysis.getStatus() == AnalysisStatus.OK) {
            return "complete";
        }
        String reason = analysis.getError() == null ? "" : " (" + inline(analysis.getError()) + ")";
        return analysis.getStatus() == AnalysisStatus.LLM_UNAVAILABLE
                ? "narrative pending: no LLM worker answered" + reason
                : "narrative failed" + reason;
    }

    private static void summary(StringBuilder md, AnalysisResult analysis) {
        md.append("## Summary\n\n");
        Narrative narrative = analysis.getNarrative();
        if (narrative == null) {
            md.append("_Narrative pending._ Every figure below is computed from the benchmark data; the written ")
                    .append("analysis will replace this line once an LLM worker answers.\n\n");
        } else {
            md.append(inline(narrative.getSummary())).append("\n\n");
        }
    }

    private static void metricsTable(StringBuilder md, ModelMetrics metrics) {
        md.append("## Metrics\n\n");
        if (metrics.getMetrics().isEmpty()) {
            md.append("No successful run carried a numeric metric.\n\n");
            return;
        }
        md.append("| metric | n | mean | stddev | min | p50 | p95 | p99 | max | unit |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (String name : MetricOrder.sorted(metrics.getMetrics().keySet())) {
            MetricStats s = metrics.getMetrics().get(name);
            md.append("| ").append(cell(name)).append(" | ").append(s.getCount())
                    .append(" | ").append(format(s.getMean())).append(" | ").append(format(s.getStddev()))
                    .append(" | ").append(format(s.getMin())).append(" | ").append(format(s.getP50()))
                    .append(" | ").append(format(s.getP95())).append(" | ").append(format(s.getP99()))
                    .append(" | ").append(format(s.getMax())).append(" | ").append(cell(s.getUnit())).append(" |\n");
        }
        md.append('\n');
    }

    private static void configs(StringBuilder md, ModelMetrics metrics) {
        List<ConfigStats> configs = metrics.getConfigs();
        if (configs.isEmpty() || (configs.size() == 1 && configs.get(0).getConfigKey().isEmpty())) {
            return;
        }
        md.append("## Configurations\n\n");
        md.append("| config | runs | failed | tokens/s mean | tokens/s p50 | TTFT mean (ms) | TTFT p50 (ms) |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (ConfigStats config : configs) {
            md.append("| ").append(cell(Headlines.configLabel(config))).append(" | ").append(config.getRuns())
                    .append(" | ").append(config.getFailedRuns())
                    .append(" | ").append(stat(config, MetricOrder.TOKENS_PER_S, true))
                    .append(" | ").append(stat(config, MetricOrder.TOKENS_PER_S, false))
                    .append(" | ").append(stat(config, MetricOrder.TTFT_MS, true))
                    .append(" | ").append(stat(config, MetricOrder.TTFT_MS, false)).append(" |\n");
        }
        md.append('\n');
        Optional<ConfigStats> best = Headlines.bestThroughputConfig(metrics);
        best.ifPresent(c -> md.append("Best mean throughput: ").append(inline(Headlines.configLabel(c))).append(" at ")
                .append(format(c.getMetrics().get(MetricOrder.TOKENS_PER_S).getMean())).append(" tokens/s.\n\n"));
    }

    private static String stat(ConfigStats config, String metric, boolean mean) {
        MetricStats stats = config.getMetrics().get(metric);
        if (stats == null || stats.getCount() == 0) {
            return "–";
        }
        return format(mean ? stats.getMean() : stats.getP50());
    }

    private static void narrativeSections(StringBuilder md, Narrative narrative) {
        if (narrative == null) {
            return;
        }
        bullets(md, "Key findings", narrative.getFindings());
        bullets(md, "Recommendations", narrative.getRecommendations());
        if (!narrative.getRisks().isEmpty()) {
            md.append("## Risks and mitigations\n\n| risk | mitigation |\n|---|---|\n");
            for (Risk risk : narrative.getRisks()) {
                md.append("| ").append(cell(risk.getRisk())).append(" | ").append(cell(risk.getMitigation()))
                        .append(" |\n");
            }
            md.append('\n');
        }
    }

    private static void bullets(StringBuilder md, String title, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        md.append("## ").append(title).append("\n\n");
        items.forEach(item -> md.append("- ").append(inline(item)).append('\n'));
        md.append('\n');
    }

    private static void generation(StringBuilder md, LlmCall call) {
        if (call == null) {
            return;
        }
        md.append("## Generation metrics\n\n");
        md.append("| worker | model | TTFT (ms) | throughput (tokens/s) | total (ms) | tokens generated | ")
                .append("prompt tokens | prompt eval (ms) | eval (ms) | load (ms) |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        md.append("| ").append(cell(call.getEndpoint())).append(" | ").append(cell(call.getLlmModel()))
                .append(" | ").append(format(call.getTtftMs()))
                .append(" | ").append(optional(call.getTokensPerS()))
                .append(" | ").append(optional(call.getTotalDurationMs()))
                .append(" | ").append(optional(call.getEvalCount()))
                .append(" | ").append(optional(call.getPromptEvalCount()))
                .append(" | ").append(optional(call.getPromptEvalDurationMs()))
                .append(" | ").append(optional(call.getEvalDurationMs()))
                .append(" | ").append(optional(call.getLoadDurationMs())).append(" |\n\n");
    }

    private static String optional(Number value) {
        if (value == null) {
            return "–";
        }
        return value instanceof Long ? value.toString() : format(value.doubleValue());
    }

    private static void provenance(StringBuilder md, ModelMetrics metrics, Verification verification) {
        md.append("## Provenance\n\n");
        md.append("Every figure in the tables above is computed from these files:\n\n");
        metrics.getFiles().forEach(file -> md.append("- `").append(file.replace("`", "'")).append("`\n"));
        md.append('\n');
        if (verification != null) {
            md.append("Narrative verification: ").append(verification.getChecked()).append(" number(s) checked, ")
                    .append(verification.getVerified()).append(" matched the data.");
            List<UnverifiedNumber> unverified = verification.getUnverified();
            if (unverified.isEmpty()) {
                md.append('\n');
            } else {
                md.append(" **Unverified numbers** (match no figure of the data; do not rely on them):\n\n");
                unverified.forEach(u -> md.append("- ").append(inline(u.getText())).append(" in: ")
                        .append(inline(u.getSentence())).append('\n'));
            }
            md.append('\n');
        }
    }
}
