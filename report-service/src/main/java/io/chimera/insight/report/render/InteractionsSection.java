package io.chimera.insight.report.render;

import static io.chimera.insight.report.render.Figures.format;
import static io.chimera.insight.report.render.MarkdownText.cell;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimera.insight.platform.stats.ConfoundedKeys;
import io.chimera.insight.platform.stats.KeyInteraction;
import io.chimera.insight.platform.stats.KeyInteractions;
import io.chimera.insight.platform.stats.ParameterEffects;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Whether the effect of one key depends on another ({@link KeyInteractions}): the flagged pairs with
 * their test, Holm-corrected p and effect size, or that none was found; which pairs could not be
 * tested and why; and the key pairs whose levels go together in the data (confounded), whose effects
 * the report never tells apart. Right after the per-parameter effects it qualifies.
 */
final class InteractionsSection implements ReportSection {

    @Override
    public void markdown(StringBuilder md, ReportInput input) {
        KeyInteractions found = KeyInteractions.of(input.metrics());
        List<KeyInteraction> interactions = found.interactions();
        if (interactions.isEmpty()) {
            return;
        }
        md.append("## Interactions\n\n");
        md.append("Whether the effect of one key depends on the level of another: each pair of keys with two or more "
                + "levels, crossed into cells pooled over the other keys. A complete grid with repeated runs is tested "
                + "with the interaction F test of a two-way ANOVA (the other keys' effects stay in the within-cell "
                + "error, so the test is conservative), one with a single run per cell with Tukey's "
                + "one-degree-of-freedom test for non-additivity.");
        if (found.tests() > 0) {
            md.append(" p-values corrected with ").append(ParameterEffects.CORRECTION).append("'s method over the ")
                    .append(found.tests()).append(" interaction test(s), a family apart from the per-parameter "
                            + "effects; flagged when the corrected p < ").append(format(ParameterEffects.SIGNIFICANCE_LEVEL))
                    .append(". η² is the share of the metric's variance the interaction explains; the deviation is "
                            + "the cell mean furthest from the additive model (each key's effect added up), in % of the "
                            + "overall mean.");
        } else {
            md.append(" No pair could be tested here.");
        }
        md.append("\n\n");
        List<KeyInteraction> flagged = interactions.stream().filter(KeyInteraction::flagged).toList();
        List<KeyInteraction> quiet = interactions.stream().filter(i -> i.pValue() != null && !i.flagged()).toList();
        if (!flagged.isEmpty()) {
            md.append("| metric | keys | runs | test | F (df) | p (Holm) | η² | largest deviation from additivity |\n");
            md.append("|---|---|---|---|---:|---:|---:|---|\n");
            for (KeyInteraction i : flagged) {
                md.append("| ").append(EffectsSection.metricLabel(i.metric()))
                        .append(" | ").append(cell(pair(i)))
                        .append(" | ").append(cell(i.population()))
                        .append(" | ").append(testLabel(i))
                        .append(" | ").append(format(i.f())).append(" (").append(format(i.df1())).append(", ")
                        .append(format(i.df2())).append(')')
                        .append(" | ").append(ComparisonSection.pValue(i.adjustedP()))
                        .append(" | ").append(format(i.etaSquared()))
                        .append(" | ").append(deviation(i))
                        .append(" |\n");
            }
            md.append('\n');
            if (!quiet.isEmpty()) {
                md.append("Tested, not flagged: ").append(listed(quiet)).append(".\n\n");
            }
        } else if (!quiet.isEmpty()) {
            md.append("No interaction found: none of the ").append(quiet.size())
                    .append(" tested pair(s) has a corrected p < ").append(format(ParameterEffects.SIGNIFICANCE_LEVEL))
                    .append(" (").append(listed(quiet)).append(").\n\n");
        }
        // One entry per pair and reason, with the metrics it holds for: most reasons are the same for both.
        Map<List<String>, List<String>> untestable = new LinkedHashMap<>();
        interactions.stream().filter(i -> i.pValue() == null).forEach(i -> untestable
                .computeIfAbsent(List.of(pair(i), i.notTestableReason()), k -> new ArrayList<>())
                .add(EffectsSection.metricLabel(i.metric())));
        if (!untestable.isEmpty()) {
            md.append("Not testable: ").append(MarkdownText.inline(untestable.entrySet().stream()
                    .map(e -> e.getKey().get(0) + " (" + String.join(", ", e.getValue()) + "): " + e.getKey().get(1))
                    .collect(Collectors.joining("; ")))).append(".\n\n");
        }
        Map<String, List<String>> confounded = new LinkedHashMap<>();
        found.confounded().forEach(c -> confounded.computeIfAbsent(confounding(c), k -> new ArrayList<>())
                .add(EffectsSection.metricLabel(c.metric())));
        confounded.forEach((text, metrics) -> md.append("Confounded (").append(String.join(", ", metrics)).append("): ")
                .append(MarkdownText.inline(text)).append("\n\n"));
    }

    /**
     * {@code interactions}: every key pair per metric (test, p, Holm-adjusted p, effect size, flag, or why
     * not tested); {@code confounded}: the key pairs whose levels go together.
     */
    @Override
    public void json(ObjectNode fields, ReportInput input) {
        KeyInteractions found = KeyInteractions.of(input.metrics());
        ArrayNode interactions = fields.putArray("interactions");
        for (KeyInteraction i : found.interactions()) {
            ObjectNode node = interactions.addObject();
            node.put("keyA", i.keyA());
            node.put("keyB", i.keyB());
            node.put("metric", i.metric().name());
            node.put("population", i.population());
            node.put("test", i.test().name());
            node.put("notTestable", i.notTestableReason());
            node.put("f", i.f());
            node.put("df1", i.df1());
            node.put("df2", i.df2());
            node.put("pValue", i.pValue());
            node.put("adjustedPValue", i.adjustedP());
            node.put("correction", ParameterEffects.CORRECTION);
            node.put("flagged", i.flagged());
            node.put("etaSquared", i.etaSquared());
            node.put("largestDeviationPercent", i.largestDeviationPercent());
            node.put("largestDeviationLevelA", i.largestDeviationLevelA());
            node.put("largestDeviationLevelB", i.largestDeviationLevelB());
            node.put("largestDeviationCount", i.largestDeviationCount());
        }
        ArrayNode confounded = fields.putArray("confounded");
        for (ConfoundedKeys c : found.confounded()) {
            ObjectNode node = confounded.addObject();
            node.put("keyA", c.keyA());
            node.put("keyB", c.keyB());
            node.put("metric", c.metric().name());
            node.put("oneToOne", c.oneToOne());
            node.put("determining", c.determining());
            ArrayNode pairs = node.putArray("pairs");
            c.pairs().forEach(p -> pairs.addArray().add(p.get(0)).add(p.get(1)));
        }
    }

    private static String pair(KeyInteraction i) {
        return i.keyA() + " × " + i.keyB();
    }

    private static String testLabel(KeyInteraction i) {
        return switch (i.test()) {
            case TWO_WAY_ANOVA -> "two-way ANOVA";
            case TUKEY_NONADDITIVITY -> "Tukey's non-additivity";
            case NOT_TESTABLE -> "–";
        };
    }

    private static String deviation(KeyInteraction i) {
        if (i.largestDeviationPercent() == null) {
            return "–";
        }
        String sign = i.largestDeviationPercent() > 0 ? "+" : "";
        return sign + format(i.largestDeviationPercent()) + " % at " + cell(i.keyA() + "=" + i.largestDeviationLevelA()
                + ", " + i.keyB() + "=" + i.largestDeviationLevelB()) + " (n = " + i.largestDeviationCount() + ")";
    }

    private static String listed(List<KeyInteraction> tested) {
        return MarkdownText.inline(tested.stream().map(i -> EffectsSection.metricLabel(i.metric()) + " " + pair(i)
                + " p " + ComparisonSection.pValue(i.adjustedP())).collect(Collectors.joining(", ")));
    }

    private static String confounding(ConfoundedKeys c) {
        String pairs = c.pairs().stream().map(p -> p.get(0) + " with " + p.get(1)).collect(Collectors.joining(", "));
        String other = c.determining().equals(c.keyA()) ? c.keyB() : c.keyA();
        String how = c.oneToOne()
                ? "each level of " + c.keyA() + " comes with one level of " + c.keyB() + " and the other way round"
                : "each level of " + c.determining() + " comes with one level of " + other;
        return c.keyA() + " and " + c.keyB() + ": in this data " + how + " (" + c.keyA() + " " + pairs + "), so their "
                + "effects cannot be separated; the per-parameter effects' ranking of one above the other says nothing "
                + "about which is the cause.";
    }
}
