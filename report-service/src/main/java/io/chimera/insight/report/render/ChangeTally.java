package io.chimera.insight.report.render;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A report's standing changes counted by direction, read back from its {@code latest.json}
 * ({@code changes[]}, {@code changeDetection}, see {@link ChangesSection}): what the index's and the
 * console's Changes columns show.
 *
 * @param detected      whether change detection ran ({@code changeDetection} is an object)
 * @param watchedSeries the series it watched
 * @param regressions   standing changes for the worse
 * @param improvements  standing changes for the better
 */
public record ChangeTally(boolean detected, long watchedSeries, long regressions, long improvements) {

    public static ChangeTally of(JsonNode report) {
        JsonNode detection = report.path("changeDetection");
        long regressions = 0;
        long improvements = 0;
        for (JsonNode change : report.path("changes")) {
            if (change.path("direction").asText().equals("REGRESSION")) {
                regressions++;
            } else {
                improvements++;
            }
        }
        return new ChangeTally(detection.isObject(), detection.path("watchedSeries").asLong(), regressions,
                improvements);
    }

    /** "1 regression, 0 improvements" ({@link ChangeCounts}). */
    public String text() {
        return ChangeCounts.text(regressions, improvements);
    }
}
