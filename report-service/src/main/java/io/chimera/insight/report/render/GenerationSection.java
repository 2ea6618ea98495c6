package io.chimera.insight.report.render;

import static io.chimera.insight.report.render.Figures.format;
import static io.chimera.insight.report.render.MarkdownText.inline;

import io.chimera.insight.events.LlmCall;

/**
 * The figures of the LLM call that wrote the narrative, in the order the old batch tool's
 * {@code ## Metrics} block gave them: throughput, TTFT, total duration, tokens, prompt eval, eval, load.
 */
final class GenerationSection implements ReportSection {

    @Override
    public void markdown(StringBuilder md, ReportInput input) {
        md.append("## Generation metrics\n\n");
        LlmCall call = input.analysis().getCall();
        if (call == null) {
            md.append("No LLM call answered for this report, so there is nothing to measure.\n\n");
            return;
        }
        md.append("The LLM call that wrote this report's narrative, measured at the client (TTFT) and reported by ")
                .append("the worker (durations, tokens):\n\n");
        md.append("- Worker: ").append(inline(call.getEndpoint())).append(" (").append(inline(call.getApi()))
                .append(", model ").append(inline(call.getLlmModel())).append(")\n");
        md.append("- Throughput: ").append(optional(call.getTokensPerS(), "tok/s")).append('\n');
        md.append("- Time to first token: ").append(format(call.getTtftMs())).append(" ms\n");
        md.append("- Total duration: ").append(optional(call.getTotalDurationMs(), "ms")).append('\n');
        md.append("- Tokens generated: ").append(count(call.getEvalCount())).append('\n');
        md.append("- Prompt eval: ").append(count(call.getPromptEvalCount())).append(" tokens in ")
                .append(optional(call.getPromptEvalDurationMs(), "ms")).append('\n');
        md.append("- Eval: ").append(optional(call.getEvalDurationMs(), "ms")).append('\n');
        md.append("- Load: ").append(optional(call.getLoadDurationMs(), "ms")).append('\n');
        md.append("- Wall time at the client: ").append(format(call.getWallMs())).append(" ms; queue wait ")
                .append(format(call.getQueueWaitMs())).append(" ms; attempts ").append(call.getAttempts())
                .append("\n\n");
    }

    private static String optional(Double value, String unit) {
        return value == null ? "–" : format(value) + " " + unit;
    }

    private static String count(Long value) {
        return value == null ? "–" : value.toString();
    }
}
