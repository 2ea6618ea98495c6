package io.chimera.insight.analysis.prompt;

import io.chimera.insight.platform.stats.EffectTest;
import io.chimera.insight.platform.stats.LevelStats;
import io.chimera.insight.platform.stats.ParameterEffect;
import io.chimera.insight.platform.stats.ParameterEffects;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The per-parameter effects ({@link ParameterEffects}) as prompt lines: a heading that says how to
 * read them (Holm-corrected p-values, associations rather than causes), one line per key and metric,
 * and one line per level beneath it.
 *
 * <p>What goes first when they do not all fit ({@link #keepOrder()}): the key lines, ranked (the
 * first-ranked key of each metric, then the second-ranked ones, ...), then per rank the levels of
 * those keys, each key's highest and lowest level first (they bound its spread). Taking a prefix of
 * that order therefore drops the levels of lower-ranked keys first, then the levels between a key's
 * highest and lowest, then whole keys, which the block counts ("(2 more keys omitted)").
 */
final class EffectFacts {

    private final int tests;
    private final List<KeyFacts> keys;

    private EffectFacts(int tests, List<KeyFacts> keys) {
        this.tests = tests;
        this.keys = List.copyOf(keys);
    }

    static EffectFacts of(ParameterEffects effects) {
        int tests = (int) effects.effects().stream().filter(e -> e.pValue() != null).count();
        List<KeyFacts> keys = new ArrayList<>();
        for (ParameterEffect effect : effects.effects()) {
            PromptFact line = new PromptFact(keyLine(effect),
                    "effect of " + Labels.forPrompt(effect.key()) + " on " + effect.metric().name());
            List<PromptFact> levels = effect.levels().stream()
                    .map(level -> new PromptFact(levelLine(effect, level), "level " + Labels.forPrompt(effect.key())
                            + "=" + Labels.forPrompt(level.level()) + " of " + effect.metric().name()))
                    .toList();
            keys.add(new KeyFacts(effect, line, levels));
        }
        return new EffectFacts(tests, keys);
    }

    boolean isEmpty() {
        return keys.isEmpty();
    }

    /** How many key lines open {@link #keepOrder()} (one per key and metric); the levels follow them. */
    int keyCount() {
        return keys.size();
    }

    /** Every line, most worth keeping first (see the class comment). */
    List<PromptFact> keepOrder() {
        List<KeyFacts> byRank = new ArrayList<>(keys);
        byRank.sort(Comparator.comparingInt((KeyFacts k) -> k.effect().rank()));
        List<PromptFact> order = new ArrayList<>();
        byRank.forEach(key -> order.add(key.line()));
        for (int i = 0; i < byRank.size(); ) {
            int rank = byRank.get(i).effect().rank();
            List<KeyFacts> sameRank = new ArrayList<>();
            while (i < byRank.size() && byRank.get(i).effect().rank() == rank) {
                sameRank.add(byRank.get(i++));
            }
            sameRank.forEach(key -> order.addAll(key.extremes()));
            sameRank.forEach(key -> order.addAll(key.between()));
        }
        return order;
    }

    /** The block with the {@code kept} lines, in display order; the omissions counted where they were. */
    String block(Set<PromptFact> kept) {
        StringBuilder out = new StringBuilder(heading());
        int omittedKeys = 0;
        for (KeyFacts key : keys) {
            if (!kept.contains(key.line())) {
                omittedKeys++;
                continue;
            }
            out.append('\n').append(key.line().line());
            int omittedLevels = 0;
            for (PromptFact level : key.levels()) {
                if (kept.contains(level)) {
                    out.append('\n').append(level.line());
                } else {
                    omittedLevels++;
                }
            }
            if (omittedLevels > 0) {
                out.append("\n  (").append(omittedLevels).append(omittedLevels == 1 ? " more level omitted)" : " more levels omitted)");
            }
        }
        if (omittedKeys > 0) {
            out.append("\n(").append(omittedKeys).append(omittedKeys == 1 ? " more key omitted)" : " more keys omitted)");
        }
        return out.toString();
    }

    private String heading() {
        return "Per-parameter effects: each configuration key with two or more levels, its levels pooled over the"
                + " other keys; keys ranked per metric by eta² (the share of the metric's variance the key's levels"
                + " explain), highest first. " + (tests == 0 ? "No key could be tested (no repeated runs within"
                + " levels, or no variation within them)." : "p-values are Holm-corrected over the " + tests
                + " tests of this model; significant means corrected p < "
                + FactFormat.number(ParameterEffects.SIGNIFICANCE_LEVEL) + ".")
                + " spread is the highest level mean minus the lowest, in % of the overall mean. Levels are pooled,"
                + " not matched: a difference between levels is an association with the key, not proof that the key"
                + " causes it.";
    }

    /** {@code - tokens_per_s by num_gpu (all successful runs): Welch's ANOVA, p=0.295 (Holm), not significant, eta²=0.339, spread=8.25%} */
    static String keyLine(ParameterEffect effect) {
        StringBuilder out = new StringBuilder("- ").append(effect.metric().name()).append(" by ")
                .append(Labels.forPrompt(effect.key())).append(" (").append(effect.population()).append("): ");
        if (effect.test() == EffectTest.NOT_TESTED || effect.adjustedP() == null) {
            out.append("not tested (no repeated runs within levels, or no variation within them)");
        } else {
            out.append(effect.test() == EffectTest.WELCH_ANOVA ? "Welch's ANOVA" : "one-way ANOVA")
                    .append(", p=").append(FactFormat.number(effect.adjustedP())).append(" (Holm), ")
                    .append(effect.significant() ? "significant" : "not significant");
        }
        if (effect.etaSquared() != null) {
            out.append(", eta²=").append(FactFormat.number(effect.etaSquared()));
        }
        if (effect.spreadPercent() != null) {
            out.append(", spread=").append(FactFormat.number(effect.spreadPercent())).append('%');
        }
        if (effect.confounded()) {
            out.append("; confounded with ")
                    .append(String.join(", ", effect.confoundedWith().stream().map(Labels::forPrompt).toList()))
                    .append(" (the same runs in each level: one effect, not separable)");
        }
        return out.toString();
    }

    /** {@code   - num_gpu=40: n=9, mean=286.59, 95% CI 281.64 to 291.54} */
    static String levelLine(ParameterEffect effect, LevelStats level) {
        StringBuilder out = new StringBuilder("  - ").append(Labels.forPrompt(effect.key())).append('=')
                .append(Labels.forPrompt(level.level())).append(": n=").append(level.count());
        FactFormat.appendNumber(out.append(", mean="), level.mean());
        if (level.ciLow() != null && level.ciHigh() != null) {
            FactFormat.appendNumber(out.append(", 95% CI "), level.ciLow());
            FactFormat.appendNumber(out.append(" to "), level.ciHigh());
        } else {
            out.append(" (single run)");
        }
        return out.toString();
    }

    /** One key's effect on one metric and its lines. */
    private record KeyFacts(ParameterEffect effect, PromptFact line, List<PromptFact> levels) {

        /** The highest and the lowest level by mean (ties: the first in level order). */
        List<PromptFact> extremes() {
            int highest = 0;
            int lowest = 0;
            List<LevelStats> stats = effect.levels();
            for (int i = 1; i < stats.size(); i++) {
                if (stats.get(i).mean() > stats.get(highest).mean()) {
                    highest = i;
                }
                if (stats.get(i).mean() < stats.get(lowest).mean()) {
                    lowest = i;
                }
            }
            return highest == lowest ? List.of(levels.get(highest)) : List.of(levels.get(highest), levels.get(lowest));
        }

        List<PromptFact> between() {
            List<PromptFact> extremes = extremes();
            return levels.stream().filter(level -> extremes.stream().noneMatch(e -> e == level)).toList();
        }
    }
}
