package io.chimera.insight.analysis.prompt;

import io.chimera.insight.events.ChangeDirection;
import io.chimera.insight.events.ChangeSegment;
import io.chimera.insight.events.ModelChanges;
import io.chimera.insight.events.PerformanceChange;
import io.chimera.insight.platform.change.PerformanceChanges;
import java.util.List;
import java.util.Set;

/**
 * The model's performance changes over time ({@code ModelMetrics.changes}, what the aggregation's
 * change detection published when it took the aggregate) as prompt lines: one per standing change,
 * newest first, with the metric, configuration, direction, both sides' n, mean and 95 % interval,
 * the change in per cent, the p-value and test, and the first run's file and time. With none, one
 * line says how many series were watched; without detection, no block at all.
 *
 * <p>The lines are the lowest-priority facts: over budget they go before anything else
 * ({@link PromptBuilder}), newest kept longest.
 */
final class ChangeFacts {

    static final String HEADING = "Performance changes detected over time (standing, newest first; a step in one "
            + "configuration's series of runs, confirmed by the test named; before = the runs before the change, "
            + "after = the runs from it on):";

    private final ModelChanges changes;
    private final List<PromptFact> lines;

    private ChangeFacts(ModelChanges changes, List<PromptFact> lines) {
        this.changes = changes;
        this.lines = lines;
    }

    static ChangeFacts of(ModelChanges changes) {
        List<PromptFact> lines = PerformanceChanges.standing(changes).stream()
                .map(change -> new PromptFact(line(change), "performance change of " + change.getMetric() + " in "
                        + FactSheet.settings(change.getConfig(), change.getConfigKey()) + " from " + change.getFirstRunAt()))
                .toList();
        return new ChangeFacts(changes, lines);
    }

    /** The droppable lines, newest first. */
    List<PromptFact> lines() {
        return lines;
    }

    boolean isEmpty() {
        return changes == null;
    }

    /** The block with the lines kept; null when change detection did not run for this aggregate. */
    String block(Set<PromptFact> kept) {
        if (changes == null) {
            return null;
        }
        List<PromptFact> shown = lines.stream().filter(kept::contains).toList();
        StringBuilder out = new StringBuilder(HEADING);
        if (lines.isEmpty()) {
            out.append("\n- none detected in ").append(changes.getWatchedSeries()).append(" series of ")
                    .append(String.join(" and ", changes.getWatchedMetrics()));
        }
        shown.forEach(fact -> out.append('\n').append(fact.line()));
        if (shown.size() < lines.size()) {
            out.append("\n- (").append(lines.size() - shown.size()).append(" older changes omitted)");
        }
        return out.toString();
    }

    static String line(PerformanceChange change) {
        return "- " + change.getMetric() + " " + (change.getDirection() == ChangeDirection.REGRESSION ? "regression"
                : "improvement") + " in " + FactSheet.settings(change.getConfig(), change.getConfigKey())
                + ": before " + segment(change.getBefore(), change.getUnit())
                + "; after " + segment(change.getAfter(), change.getUnit())
                + "; change=" + FactFormat.number(change.getChangePercent()) + "%"
                + ", p=" + FactFormat.number(change.getPValue()) + " (" + change.getTest() + ")" // the detector's own name for its test, not file text
                + "; first run after it in " + Labels.forPrompt(change.getFirstRunPath()) + " at " + change.getFirstRunAt();
    }

    private static String segment(ChangeSegment segment, String unit) {
        String ci = segment.getCiLow() == null || segment.getCiHigh() == null ? "no interval (n < 2)"
                : "95% CI " + FactFormat.number(segment.getCiLow()) + " to " + FactFormat.number(segment.getCiHigh());
        return "n=" + segment.getN() + ", mean=" + FactFormat.number(segment.getMean()) + " " + unit + " (" + ci + ")";
    }
}
