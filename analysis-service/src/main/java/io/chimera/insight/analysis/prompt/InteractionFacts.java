package io.chimera.insight.analysis.prompt;

import io.chimera.insight.platform.stats.ConfoundedKeys;
import io.chimera.insight.platform.stats.InteractionTest;
import io.chimera.insight.platform.stats.KeyInteraction;
import io.chimera.insight.platform.stats.KeyInteractions;
import io.chimera.insight.platform.stats.ParameterEffects;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The interaction findings ({@link KeyInteractions}) as prompt lines: a heading with how many pairs
 * were tested and flagged (Holm-corrected as a family of their own), one line per flagged pair (its
 * test, adjusted p, η² and the cell furthest from the additive fit) and one per confounded pair
 * ("cannot be separated"). Pairs tested and not flagged are only counted: "no interaction found" for
 * each would crowd out the facts that matter. Kept when not all fit: flagged pairs first (the
 * smallest adjusted p first), then confounded pairs.
 */
final class InteractionFacts {

    private final KeyInteractions interactions;
    private final List<PromptFact> flagged;
    private final List<PromptFact> confounded;

    private InteractionFacts(KeyInteractions interactions, List<PromptFact> flagged, List<PromptFact> confounded) {
        this.interactions = interactions;
        this.flagged = List.copyOf(flagged);
        this.confounded = List.copyOf(confounded);
    }

    static InteractionFacts of(KeyInteractions interactions) {
        List<PromptFact> flagged = interactions.interactions().stream()
                .filter(KeyInteraction::flagged)
                .sorted(java.util.Comparator.comparingDouble(KeyInteraction::adjustedP))
                .map(i -> new PromptFact(flaggedLine(i), "interaction of " + Labels.forPrompt(i.keyA()) + " and "
                        + Labels.forPrompt(i.keyB()) + " on " + i.metric().name()))
                .toList();
        List<PromptFact> confounded = new ArrayList<>();
        for (ConfoundedKeys pair : interactions.confounded()) {
            confounded.add(new PromptFact(confoundedLine(pair), "confounding of " + Labels.forPrompt(pair.keyA())
                    + " and " + Labels.forPrompt(pair.keyB()) + " on " + pair.metric().name()));
        }
        return new InteractionFacts(interactions, flagged, confounded);
    }

    boolean isEmpty() {
        return interactions.interactions().isEmpty();
    }

    /** Flagged pairs, then confounded pairs. */
    List<PromptFact> keepOrder() {
        List<PromptFact> order = new ArrayList<>(flagged);
        order.addAll(confounded);
        return order;
    }

    String block(Set<PromptFact> kept) {
        long tests = interactions.tests();
        long flaggedCount = interactions.interactions().stream().filter(KeyInteraction::flagged).count();
        long untestable = interactions.interactions().size() - tests;
        StringBuilder out = new StringBuilder("Interactions (does one key's effect depend on another key's level?"
                + " the two keys' levels crossed, pooled over the other keys): ")
                .append(interactions.interactions().size()).append(" pairs of keys (per metric), ").append(tests)
                .append(" tested, ").append(flaggedCount).append(" flagged, ").append(untestable)
                .append(" not testable. ");
        out.append(tests == 0 ? "No pair could be tested." : "p-values are Holm-corrected over the " + tests
                + " interaction tests, a family apart from the effects'; flagged means corrected p < "
                + FactFormat.number(ParameterEffects.SIGNIFICANCE_LEVEL) + ".");
        int omitted = 0;
        for (PromptFact fact : keepOrder()) {
            if (kept.contains(fact)) {
                out.append('\n').append(fact.line());
            } else {
                omitted++;
            }
        }
        if (flagged.isEmpty() && tests > 0) {
            out.append("\n- no pair flagged: no tested key's effect measurably depends on another key");
        }
        if (omitted > 0) {
            out.append("\n(").append(omitted).append(omitted == 1 ? " more pair omitted)" : " more pairs omitted)");
        }
        return out.toString();
    }

    /** {@code - tokens_per_s: num_ctx x num_gpu interact (two-way ANOVA interaction F test, p=0.001 (Holm), eta²=0.12; ...)} */
    static String flaggedLine(KeyInteraction interaction) {
        StringBuilder out = new StringBuilder("- ").append(interaction.metric().name()).append(" (")
                .append(interaction.population()).append("): the effect of ").append(Labels.forPrompt(interaction.keyA()))
                .append(" depends on ").append(Labels.forPrompt(interaction.keyB())).append(" (")
                .append(interaction.test() == InteractionTest.TWO_WAY_ANOVA ? "two-way ANOVA interaction F test"
                        : "Tukey's test for non-additivity")
                .append(", p=").append(FactFormat.number(interaction.adjustedP())).append(" (Holm)");
        if (interaction.etaSquared() != null) {
            out.append(", eta²=").append(FactFormat.number(interaction.etaSquared()));
        }
        out.append(')');
        if (interaction.largestDeviationPercent() != null) {
            out.append("; the cell ").append(Labels.forPrompt(interaction.keyA())).append('=')
                    .append(Labels.forPrompt(interaction.largestDeviationLevelA())).append(", ")
                    .append(Labels.forPrompt(interaction.keyB())).append('=')
                    .append(Labels.forPrompt(interaction.largestDeviationLevelB())).append(" lies ")
                    .append(FactFormat.number(Math.abs(interaction.largestDeviationPercent()))).append("% ")
                    .append(interaction.largestDeviationPercent() >= 0 ? "above" : "below")
                    .append(" what the two keys' separate effects predict (n=")
                    .append(interaction.largestDeviationCount()).append(')');
        }
        return out.toString();
    }

    /** {@code - tokens_per_s: num_ctx and num_gpu cannot be separated (...)} */
    static String confoundedLine(ConfoundedKeys pair) {
        String a = Labels.forPrompt(pair.keyA());
        String b = Labels.forPrompt(pair.keyB());
        String how = pair.oneToOne() ? "each level of either key comes with one level of the other"
                : "each level of " + Labels.forPrompt(pair.determining()) + " comes with one level of "
                        + (pair.determining().equals(pair.keyA()) ? b : a);
        return "- " + pair.metric().name() + ": " + a + " and " + b + " cannot be separated (confounded: " + how
                + " in these runs), so their effects are one effect: neither key is more the cause than the other";
    }
}
