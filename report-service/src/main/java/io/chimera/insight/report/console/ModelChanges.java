package io.chimera.insight.report.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimera.insight.report.render.ChangeCounts;
import io.chimera.insight.report.render.ChangeTally;

/**
 * A model's standing performance changes as its {@code latest.json} states them ({@code changes[]},
 * {@code changeDetection}), for the models page's Changes column.
 *
 * @param watched      whether change detection ran and watched at least one series
 * @param regressions  standing changes for the worse
 * @param improvements standing changes for the better
 */
record ModelChanges(boolean watched, long regressions, long improvements) {

    static ModelChanges of(JsonNode report) {
        ChangeTally tally = ChangeTally.of(report);
        // Not detected: detection was off (or the report predates it); 0 series: nothing to watch yet.
        return new ModelChanges(tally.detected() && tally.watchedSeries() > 0, tally.regressions(),
                tally.improvements());
    }

    /** "–" when nothing was watched, "none" when nothing was found, else the counts as the index says them. */
    String text() {
        if (!watched) {
            return "–";
        }
        return regressions + improvements == 0 ? "none" : ChangeCounts.text(regressions, improvements);
    }

    /** The badge's colour: red with any regression, green with improvements only; none otherwise. */
    String statusClass() {
        if (!watched || regressions + improvements == 0) {
            return "";
        }
        return regressions > 0 ? "failed" : "ok";
    }

    /** The sort key: regressions first, then improvements; null (sorted last) when nothing was watched. */
    Long sortValue() {
        return watched ? regressions * 1_000_000 + improvements : null;
    }
}
