package io.chimera.insight.report.render;

import static io.chimera.insight.report.render.Figures.format;
import static io.chimera.insight.report.render.MarkdownText.inline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimera.insight.platform.stats.ComparedMetric;
import io.chimera.insight.platform.stats.ConfigComparison;
import io.chimera.insight.platform.stats.ParameterEffects;
import io.chimera.insight.platform.stats.Recommendation;
import io.chimera.insight.platform.stats.Recommendations;
import java.util.List;

/**
 * What to run, from the data alone ({@link Recommendations}): each recommendation with its reason, n and
 * 95 % interval, and the rules and the multiple-comparison correction they rest on. Placed after the
 * per-parameter effects it draws on. The LLM's own recommendations, later in the report, are text; these
 * are computed.
 */
final class RecommendationsSection implements ReportSection {

    @Override
    public void markdown(StringBuilder md, ReportInput input) {
        List<Recommendation> recommendations = Recommendations.of(input.metrics()).all();
        if (recommendations.isEmpty()) {
            return;
        }
        md.append("## Recommendations from the data\n\n");
        md.append("Computed from the aggregate, by fixed rules. A configuration is named only when it has ")
                .append(ConfigComparison.MIN_RUNS_FOR_BEST)
                .append(" or more runs, ranked by the worse end of its 95 % CI (the lower bound for tokens/s, the "
                        + "upper bound for TTFT), never by its mean. Where no configuration has that many runs, "
                        + "each key is judged from its per-parameter effect: a key whose levels differ significantly (p-values "
                        + "corrected for the number of tests with ")
                .append(ParameterEffects.CORRECTION).append("'s method, significant when the adjusted p < ")
                .append(format(ParameterEffects.SIGNIFICANCE_LEVEL))
                .append(") gets its best level, with the levels whose CI overlaps it as ≈ equal; a key tested and "
                        + "not significant has no measurable effect. Levels are pooled over the other keys, so a level "
                        + "is associated with the metric, not shown to cause it.\n\n");
        for (Recommendation r : recommendations) {
            md.append("- **").append(inline(r.setting())).append("** (").append(metricLabel(r.metric()))
                    .append(", n = ").append(r.n());
            if (r.ciLow() != null) {
                md.append(", 95 % CI ").append(format(r.ciLow())).append(" to ").append(format(r.ciHigh()));
            }
            md.append("): ").append(inline(r.reason())).append('\n');
        }
        md.append('\n');
    }

    /** {@code recommendations[]}: kind, setting, metric, reason, n and the interval (null where there is none). */
    @Override
    public void json(ObjectNode fields, ReportInput input) {
        ArrayNode array = fields.putArray("recommendations");
        for (Recommendation r : Recommendations.of(input.metrics()).all()) {
            ObjectNode node = array.addObject();
            node.put("kind", r.kind().name());
            node.put("setting", r.setting());
            node.put("metric", r.metric().name());
            node.put("reason", r.reason());
            node.put("n", r.n());
            node.put("ciLow", r.ciLow());
            node.put("ciHigh", r.ciHigh());
        }
    }

    private static String metricLabel(ComparedMetric metric) {
        return metric.equals(ComparedMetric.TTFT_MS) ? "TTFT" : "tokens/s";
    }
}
