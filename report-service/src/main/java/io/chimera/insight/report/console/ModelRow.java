package io.chimera.insight.report.console;

import java.time.Instant;

/**
 * One model on the models page, as its {@code latest.json} states it.
 *
 * @param tokensPerSP50 median tokens/s; null when the data has none
 * @param ttftMsP50     median time to first token in ms; null when the data has none
 * @param finding       the best configuration in the report's words, or the sweep's finding, or empty
 * @param changes       the standing performance changes the report names
 * @param status        the analysis status ({@code OK}, {@code LLM_UNAVAILABLE}, {@code LLM_FAILED})
 * @param updated       when its latest.md was last written
 */
record ModelRow(String model, String slug, long runs, long failedRuns, Double tokensPerSP50, Double ttftMsP50,
                String finding, ModelChanges changes, String status, String statusText, Instant updated) {
}
