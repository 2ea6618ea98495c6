package io.chimera.insight.report.render;

import static io.chimera.insight.report.render.Figures.format;
import static io.chimera.insight.report.render.MarkdownText.cell;
import static io.chimera.insight.report.render.MarkdownText.code;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimera.insight.events.ChangeDirection;
import io.chimera.insight.events.ChangeSegment;
import io.chimera.insight.events.ModelChanges;
import io.chimera.insight.events.PerformanceChange;
import io.chimera.insight.platform.change.PerformanceChangeJson;
import io.chimera.insight.platform.change.PerformanceChanges;
import io.chimera.insight.platform.metrics.CanonicalMetric;
import java.util.List;
import java.util.Locale;

/**
 * The model's performance changes, as the aggregation's change detection found them when it took
 * the aggregate ({@code ModelMetrics.changes}, the same evaluation that published them on
 * {@code performance-changes}): the changes that stand, newest first, each with the metric, the
 * configuration, the direction, before and after (n, mean, 95 % interval), the change in per cent,
 * the p-value and test, and the first run and file after it; then the changes this evaluation
 * retracted, never shown as standing. With none, one line says so and what was watched.
 */
final class ChangesSection implements ReportSection {

    @Override
    public void markdown(StringBuilder md, ReportInput input) {
        ModelChanges changes = input.metrics().getChanges();
        md.append("## Changes\n\n");
        if (changes == null) {
            md.append("Change detection did not run for this aggregate (it was off, or the aggregation predates it).\n\n");
            return;
        }
        List<PerformanceChange> standing = PerformanceChanges.standing(changes);
        String watched = watched(changes);
        if (standing.isEmpty()) {
            md.append("No change detected in ").append(watched).append(".\n\n");
        } else {
            md.append(summary(standing)).append(" standing in ").append(watched).append(", newest first.\n\n");
            md.append("| first run after | metric | configuration | direction | before: n, mean (95 % interval) "
                    + "| after: n, mean (95 % interval) | change | p (test) | file |\n");
            md.append("|---|---|---|---|---|---|---:|---|---|\n");
            for (PerformanceChange change : standing) {
                md.append("| ").append(change.getFirstRunAt())
                        .append(" | ").append(label(change.getMetric()))
                        .append(" | ").append(cell(change.getConfigKey().isEmpty() ? "(none)" : change.getConfigKey()))
                        .append(" | ").append(direction(change.getDirection()))
                        .append(" | ").append(segment(change.getBefore(), change.getUnit()))
                        .append(" | ").append(segment(change.getAfter(), change.getUnit()))
                        .append(" | ").append(percent(change.getChangePercent()))
                        .append(" | ").append(pValue(change.getPValue())).append(" (").append(cell(change.getTest())).append(')')
                        .append(" | ").append(code(change.getFirstRunPath())).append(", run ").append(code(change.getFirstRunId()))
                        .append(" |\n");
            }
            md.append('\n');
        }
        if (!changes.getRetracted().isEmpty()) {
            md.append("Retracted recently, newest first (a replaced file took the runs that showed them away; not standing):\n\n");
            for (PerformanceChange change : changes.getRetracted()) {
                md.append("- ").append(direction(change.getDirection())).append(" of ").append(label(change.getMetric()))
                        .append(" [").append(cell(change.getConfigKey())).append("] from run ")
                        .append(code(change.getFirstRunId())).append(", ").append(percent(change.getChangePercent()))
                        .append(change.getRetractedAt() == null ? "" : ", retracted " + change.getRetractedAt())
                        .append('\n');
            }
            md.append('\n');
        }
    }

    /**
     * {@code changes[]}: the standing changes, newest first, with every field of their event;
     * {@code changesRetracted[]}: the recent retractions (the aggregation keeps the newest 20 per series),
     * most recently retracted first, each with its {@code retractedAt}; {@code changeDetection}: the
     * series and metrics watched, null when detection did not run.
     */
    @Override
    public void json(ObjectNode fields, ReportInput input) {
        ModelChanges changes = input.metrics().getChanges();
        ArrayNode standing = fields.putArray("changes");
        PerformanceChanges.standing(changes).forEach(change -> standing.add(PerformanceChangeJson.of(change)));
        ArrayNode retracted = fields.putArray("changesRetracted");
        if (changes == null) {
            fields.putNull("changeDetection");
            return;
        }
        changes.getRetracted().forEach(change -> retracted.add(PerformanceChangeJson.of(change)));
        ObjectNode detection = fields.putObject("changeDetection");
        detection.put("watchedSeries", changes.getWatchedSeries());
        ArrayNode metrics = detection.putArray("watchedMetrics");
        changes.getWatchedMetrics().forEach(metrics::add);
    }

    private static String summary(List<PerformanceChange> standing) {
        long regressions = standing.stream().filter(c -> c.getDirection() == ChangeDirection.REGRESSION).count();
        return ChangeCounts.text(regressions, standing.size() - regressions);
    }

    /** "4 series of tokens/s and TTFT". */
    private static String watched(ModelChanges changes) {
        List<String> labels = changes.getWatchedMetrics().stream().map(ChangesSection::label).toList();
        String metrics = labels.size() <= 1 ? String.join("", labels)
                : String.join(", ", labels.subList(0, labels.size() - 1)) + " and " + labels.get(labels.size() - 1);
        int n = changes.getWatchedSeries();
        return n + " series" + (metrics.isEmpty() ? "" : " of " + metrics);
    }

    private static String label(String metric) {
        return CanonicalMetric.named(metric).map(m -> switch (m) {
            case TOKENS_PER_S -> "tokens/s";
            case TTFT_MS -> "TTFT";
            default -> m.canonicalName();
        }).orElse(metric);
    }

    private static String direction(ChangeDirection direction) {
        return direction == ChangeDirection.REGRESSION ? "regression" : "improvement";
    }

    private static String segment(ChangeSegment segment, String unit) {
        String interval = segment.getCiLow() == null || segment.getCiHigh() == null ? "– (n < 2)"
                : format(segment.getCiLow()) + " to " + format(segment.getCiHigh());
        return "n = " + segment.getN() + ", " + format(segment.getMean()) + " " + cell(unit) + " (" + interval + ")";
    }

    private static String percent(double changePercent) {
        return (changePercent > 0 ? "+" : "") + format(changePercent) + " %";
    }

    /** Two significant digits in scientific notation: change p-values run far below 0.001. */
    static String pValue(double p) {
        return Double.isFinite(p) ? String.format(Locale.ROOT, "%.2g", p) : "n/a";
    }
}
