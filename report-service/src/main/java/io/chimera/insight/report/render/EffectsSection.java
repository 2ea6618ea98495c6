package io.chimera.insight.report.render;

import static io.chimera.insight.report.render.Figures.format;
import static io.chimera.insight.report.render.MarkdownText.cell;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimera.insight.platform.stats.ComparedMetric;
import io.chimera.insight.platform.stats.EffectTest;
import io.chimera.insight.platform.stats.LevelStats;
import io.chimera.insight.platform.stats.ParameterEffect;
import io.chimera.insight.platform.stats.ParameterEffects;
import java.util.List;

/**
 * Which configuration keys matter ({@link ParameterEffects}): per key its test, Holm-corrected
 * p-value, share of variance explained and rank, then each level's n, mean, median and 95 %
 * interval. It answers a factorial sweep with one or a few runs per configuration, where comparing
 * configurations one by one cannot. A level whose runs were all cold has no warm TTFT to pool; its row
 * says so ({@link WarmGap}) rather than the level vanishing from the table.
 */
final class EffectsSection implements ReportSection {

    @Override
    public void markdown(StringBuilder md, ReportInput input) {
        List<ParameterEffect> effects = ParameterEffects.of(input.metrics()).effects();
        if (effects.isEmpty()) {
            return;
        }
        long tests = effects.stream().filter(e -> e.pValue() != null).count();
        md.append("## Per-parameter effects\n\n");
        md.append("Each configuration key with two or more levels, its levels pooled over the other keys. Tested with "
                + "one-way ANOVA while the level variances are within ")
                .append(format(ParameterEffects.VARIANCE_RATIO_LIMIT))
                .append("× of each other, else Welch's ANOVA; p-values corrected with ").append(ParameterEffects.CORRECTION)
                .append("'s method over the ").append(tests).append(" test(s) of this report; significant when the "
                        + "corrected p < ").append(format(ParameterEffects.SIGNIFICANCE_LEVEL))
                .append(". η² is the share of the metric's variance the key's levels explain; spread is the highest "
                        + "level mean minus the lowest, in % of the overall mean. Levels are pooled, not matched: "
                        + "a difference is an association with the key, not proof that it causes it.\n\n");
        md.append("| rank | metric | key | runs | test | p (Holm) | significant | η² | spread |\n");
        md.append("|---:|---|---|---|---|---:|---|---:|---:|\n");
        for (ParameterEffect effect : effects) {
            md.append("| ").append(effect.rank())
                    .append(" | ").append(metricLabel(effect.metric()))
                    .append(" | ").append(cell(keyLabel(effect)))
                    .append(" | ").append(cell(effect.population()))
                    .append(" | ").append(testLabel(effect.test()))
                    .append(" | ").append(ComparisonSection.pValue(effect.adjustedP()))
                    .append(" | ").append(effect.pValue() == null ? "not tested" : effect.significant() ? "yes" : "no")
                    .append(" | ").append(effect.etaSquared() == null ? "–" : format(effect.etaSquared()))
                    .append(" | ").append(effect.spreadPercent() == null ? "–" : format(effect.spreadPercent()) + " %")
                    .append(" |\n");
        }
        md.append('\n');
        md.append("| metric | key | level | configs | n | mean | median | 95 % CI of the mean |\n");
        md.append("|---|---|---|---:|---:|---:|---:|---|\n");
        List<WarmGap> gaps = WarmGap.of(input.metrics());
        for (ParameterEffect effect : effects) {
            for (LevelStats level : effect.levels()) {
                md.append("| ").append(metricLabel(effect.metric()))
                        .append(" | ").append(cell(effect.key()))
                        .append(" | ").append(cell(level.level()))
                        .append(" | ").append(level.configs())
                        .append(" | ").append(level.count())
                        .append(" | ").append(format(level.mean()))
                        .append(" | ").append(level.median() == null ? "–" : format(level.median()))
                        .append(" | ").append(level.ciLow() == null ? "– (n < 2)"
                                : format(level.ciLow()) + " to " + format(level.ciHigh()))
                        .append(" |\n");
            }
            if (effect.metric().equals(ComparedMetric.TTFT_MS)) {
                for (WarmGap gap : WarmGap.of(gaps, effect.key())) {
                    md.append("| ").append(metricLabel(effect.metric())).append(" | ").append(cell(gap.key()))
                            .append(" | ").append(cell(gap.level())).append(" | ").append(gap.configs())
                            .append(" | 0 | ").append(gap.describe()).append(" | – | – |\n");
                }
            }
        }
        md.append('\n');
        for (String key : keysWithoutWarmEffect(effects, gaps)) {
            md.append("TTFT by ").append(cell(key)).append(" is not compared on warm runs: fewer than two of its "
                    + "levels have one (");
            List<WarmGap> ofKey = WarmGap.of(gaps, key);
            for (int i = 0; i < ofKey.size(); i++) {
                md.append(i == 0 ? "" : "; ").append(cell(ofKey.get(i).level())).append(": ").append(ofKey.get(i).describe());
            }
            md.append(").\n\n");
        }
        if (effects.stream().anyMatch(e -> e.pValue() == null)) {
            md.append("Not tested: no repeated runs within a key's levels, or no variation within them.\n\n");
        }
    }

    /**
     * The key, and the keys confounded with it ({@code num_ctx (= num_gpu, confounded)}): they share its
     * rank and figures, and neither is the cause more than the other.
     */
    static String keyLabel(ParameterEffect effect) {
        return effect.confounded()
                ? effect.key() + " (= " + String.join(", ", effect.confoundedWith()) + ", confounded)"
                : effect.key();
    }

    /** {@code effects}: every key's levels, test, p-values (raw and Holm-corrected), effect sizes and rank. */
    @Override
    public void json(ObjectNode fields, ReportInput input) {
        ArrayNode array = fields.putArray("effects");
        List<WarmGap> gaps = WarmGap.of(input.metrics());
        for (ParameterEffect effect : ParameterEffects.of(input.metrics()).effects()) {
            ObjectNode node = array.addObject();
            node.put("key", effect.key());
            node.put("metric", effect.metric().name());
            node.put("population", effect.population());
            node.put("rank", effect.rank());
            ArrayNode confoundedWith = node.putArray("confoundedWith");
            effect.confoundedWith().forEach(confoundedWith::add);
            node.put("test", effect.test().name());
            node.put("testReason", effect.testReason());
            node.put("f", effect.f());
            node.put("df1", effect.df1());
            node.put("df2", effect.df2());
            node.put("pValue", effect.pValue());
            node.put("adjustedPValue", effect.adjustedP());
            node.put("correction", ParameterEffects.CORRECTION);
            node.put("significant", effect.significant());
            node.put("etaSquared", effect.etaSquared());
            node.put("spreadPercent", effect.spreadPercent());
            node.put("configsWithoutKey", effect.configsWithoutKey());
            ArrayNode levels = node.putArray("levels");
            for (LevelStats level : effect.levels()) {
                ObjectNode l = levels.addObject();
                l.put("level", level.level());
                l.put("configs", level.configs());
                l.put("count", level.count());
                l.put("mean", level.mean());
                l.put("median", level.median());
                l.put("ciLow", level.ciLow());
                l.put("ciHigh", level.ciHigh());
            }
            if (effect.metric().equals(ComparedMetric.TTFT_MS) && !gaps.isEmpty()) {
                ArrayNode without = node.putArray("levelsWithoutWarmRuns");
                for (WarmGap gap : WarmGap.of(gaps, effect.key())) {
                    ObjectNode g = without.addObject();
                    g.put("level", gap.level());
                    g.put("configs", gap.configs());
                    g.put("runs", gap.runs());
                    g.put("coldRuns", gap.coldRuns());
                }
            }
        }
    }

    /** Keys with a level without warm runs and, for that reason, no warm TTFT effect at all. */
    private static List<String> keysWithoutWarmEffect(List<ParameterEffect> effects, List<WarmGap> gaps) {
        return gaps.stream().map(WarmGap::key).distinct()
                .filter(key -> effects.stream().noneMatch(e -> e.metric().equals(ComparedMetric.TTFT_MS)
                        && e.key().equals(key)))
                .toList();
    }

    static String metricLabel(ComparedMetric metric) {
        return metric.equals(ComparedMetric.TTFT_MS) ? "TTFT (ms)" : "tokens/s";
    }

    private static String testLabel(EffectTest test) {
        return switch (test) {
            case ONE_WAY_ANOVA -> "one-way ANOVA";
            case WELCH_ANOVA -> "Welch's ANOVA";
            case NOT_TESTED -> "–";
        };
    }
}
