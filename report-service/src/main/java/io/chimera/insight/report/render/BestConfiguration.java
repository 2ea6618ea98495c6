package io.chimera.insight.report.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimera.insight.platform.metrics.CanonicalMetric;
import java.util.Optional;

/**
 * The best configuration for tokens/s as a report's {@code latest.json} names it
 * ({@code comparison.best.tokens_per_s}), in the words the report, the index and the console share:
 * the runs without configuration are labelled {@code FigureFormat.NO_CONFIGURATION} by the report,
 * and the only configuration with 2 or more runs is named so, not passed off as best (it was ranked
 * against nothing).
 *
 * @param label  the configuration as the report labels it
 * @param runs   its successful runs
 * @param ranked whether it was ranked against at least one other configuration with 2+ runs
 */
public record BestConfiguration(String label, long runs, boolean ranked) {

    /** The report's best configuration for tokens/s; empty when its comparison names none. */
    public static Optional<BestConfiguration> of(JsonNode report) {
        JsonNode best = report.path("comparison").path("best").path(CanonicalMetric.TOKENS_PER_S.canonicalName());
        String label = best.path("label").asText("");
        if (label.isEmpty()) {
            return Optional.empty();
        }
        // Reports written before rankedAmong existed only named a best among 2 or more.
        return Optional.of(new BestConfiguration(label, best.path("count").asLong(),
                best.path("rankedAmong").asLong(2) != 1));
    }

    /** The label, with "(only one with 2+ runs: not ranked)" when it was ranked against nothing. */
    public String text() {
        return ranked ? label : label + " (only one with 2+ runs: not ranked)";
    }
}
